"""A tiny GPT, nanoGPT-style, written so that every intermediate the essays show exists as a tensor.

Token + learned position embeddings, pre-LayerNorm blocks (causal multi-head self-attention, then an
MLP with GPT-2's tanh-approximated GELU), a final LayerNorm and an unembedding tied to the token embedding. Attention is spelled
out (softmax(Q Kᵀ / √d_head + causal mask) V) instead of a fused kernel, so the attention probabilities,
queries and keys can be returned and exported to ONNX as named outputs.

Runs on torch 1.13 (Debian) and on current pip torch: it uses nothing newer than 1.13.
"""

import math
from dataclasses import asdict, dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass
class GPTConfig:
    vocab_size: int = 2048
    block_size: int = 128  # context length in tokens
    n_layer: int = 4
    n_head: int = 4
    d_model: int = 64
    mlp_ratio: int = 4
    dropout: float = 0.0  # 0.1 measured worse at this compute budget (models/transformer/README.md)
    bias: bool = True

    @property
    def head_dim(self) -> int:
        return self.d_model // self.n_head


class CausalSelfAttention(nn.Module):
    def __init__(self, cfg: GPTConfig):
        super().__init__()
        assert cfg.d_model % cfg.n_head == 0
        self.n_head = cfg.n_head
        self.head_dim = cfg.head_dim
        self.qkv = nn.Linear(cfg.d_model, 3 * cfg.d_model, bias=cfg.bias)
        self.proj = nn.Linear(cfg.d_model, cfg.d_model, bias=cfg.bias)
        self.attn_drop = nn.Dropout(cfg.dropout)
        self.resid_drop = nn.Dropout(cfg.dropout)

    def forward(self, x, mask):
        """mask [T, T]: True where position i may not look at position j (j > i)."""
        B, T, C = x.shape
        q, k, v = self.qkv(x).split(C, dim=2)
        # [B, T, C] -> [B, n_head, T, head_dim]
        q = q.view(B, T, self.n_head, self.head_dim).transpose(1, 2)
        k = k.view(B, T, self.n_head, self.head_dim).transpose(1, 2)
        v = v.view(B, T, self.n_head, self.head_dim).transpose(1, 2)
        scores = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(self.head_dim))
        scores = scores.masked_fill(mask, float("-inf"))
        att = F.softmax(scores, dim=-1)  # [B, n_head, T, T], rows sum to 1
        y = self.attn_drop(att) @ v
        y = y.transpose(1, 2).contiguous().view(B, T, C)
        return self.resid_drop(self.proj(y)), att, q, k, v


class MLP(nn.Module):
    """Linear, GELU, linear. The tanh approximation of GELU (GPT-2's) because onnxruntime-web computes the
    exact one's erf slowly: it was an eighth of the forward pass. A squared ReLU was faster still but trained
    worse here (models/transformer/README.md)."""

    def __init__(self, cfg: GPTConfig):
        super().__init__()
        self.fc = nn.Linear(cfg.d_model, cfg.mlp_ratio * cfg.d_model, bias=cfg.bias)
        self.gelu = nn.GELU(approximate="tanh")
        self.proj = nn.Linear(cfg.mlp_ratio * cfg.d_model, cfg.d_model, bias=cfg.bias)
        self.drop = nn.Dropout(cfg.dropout)

    def forward(self, x):
        return self.drop(self.proj(self.gelu(self.fc(x))))


class Block(nn.Module):
    def __init__(self, cfg: GPTConfig):
        super().__init__()
        self.ln1 = nn.LayerNorm(cfg.d_model)
        self.attn = CausalSelfAttention(cfg)
        self.ln2 = nn.LayerNorm(cfg.d_model)
        self.mlp = MLP(cfg)

    def forward(self, x, mask):
        a, att, q, k, v = self.attn(self.ln1(x), mask)
        x = x + a
        x = x + self.mlp(self.ln2(x))
        return x, att, q, k, v


class GPT(nn.Module):
    def __init__(self, cfg: GPTConfig):
        super().__init__()
        self.config = cfg
        self.wte = nn.Embedding(cfg.vocab_size, cfg.d_model)
        self.wpe = nn.Embedding(cfg.block_size, cfg.d_model)
        self.drop = nn.Dropout(cfg.dropout)
        self.blocks = nn.ModuleList([Block(cfg) for _ in range(cfg.n_layer)])
        self.ln_f = nn.LayerNorm(cfg.d_model)
        # causal mask, sliced once per forward and shared by every block (one Slice in the ONNX graph, not one
        # per layer): mask[i, j] is True where position i may not look at position j (j > i)
        mask = torch.ones(cfg.block_size, cfg.block_size).triu(1).bool()
        self.register_buffer("mask", mask, persistent=False)
        # unembedding tied to the token embedding: logits = ln_f(x) @ wte.weightᵀ
        self.apply(self._init_weights)
        # GPT-2: scale the residual projections by 1/√(2·n_layer)
        for name, p in self.named_parameters():
            if name.endswith("proj.weight"):
                nn.init.normal_(p, mean=0.0, std=0.02 / math.sqrt(2 * cfg.n_layer))

    @staticmethod
    def _init_weights(m):
        if isinstance(m, nn.Linear):
            nn.init.normal_(m.weight, mean=0.0, std=0.02)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, nn.Embedding):
            nn.init.normal_(m.weight, mean=0.0, std=0.02)

    def num_params(self) -> int:
        return sum(p.numel() for p in self.parameters())

    def lens(self, resid):
        """Logit lens: final LayerNorm + tied unembedding, for a residual [..., d_model] from any layer."""
        return self.ln_f(resid) @ self.wte.weight.t()

    def forward(self, idx, return_internals: bool = False, last_only: bool = False):
        """idx: int64 [B, T] with T ≤ block_size.

        return_internals=False: logits [B, T, V].
        return_internals=True: a dict with
          logits [B, T, V], or with last_only [B, V]: the next-token logits after the last position only
          (the browser graph: a sixth of its time went to unembedding every position, and the lens graph
          gives any other position's); attn [n_layer, B, n_head, T, T] (attention probabilities);
          resid [n_layer + 1, B, T, d_model] (after the embedding, then after each block);
          q, k, v [n_layer, B, n_head, T, head_dim] (queries, keys, values per head).
        """
        B, T = idx.shape
        assert T <= self.config.block_size, f"sequence of {T} tokens > block_size {self.config.block_size}"
        pos = torch.arange(T, dtype=torch.long, device=idx.device)
        x = self.drop(self.wte(idx) + self.wpe(pos))
        mask = self.mask[:T, :T]
        resid, attn, qs, ks, vs = [x], [], [], [], []
        for block in self.blocks:
            x, att, q, k, v = block(x, mask)
            resid.append(x)
            attn.append(att)
            qs.append(q)
            ks.append(k)
            vs.append(v)
        logits = self.lens(x[:, -1] if last_only else x)
        if not return_internals:
            return logits
        return {
            "logits": logits,
            "attn": torch.stack(attn),
            "resid": torch.stack(resid),
            "q": torch.stack(qs),
            "k": torch.stack(ks),
            "v": torch.stack(vs),
        }


def save_checkpoint(path, model: GPT, **extra):
    """Only tensors and plain Python values, so torch.load(weights_only=True) can read it."""
    torch.save({"config": asdict(model.config), "model": model.state_dict(), **extra}, path)


def load_checkpoint(path):
    """-> (model in eval mode on the CPU, config)."""
    ckpt = torch.load(path, map_location="cpu")
    cfg = GPTConfig(**ckpt["config"])
    model = GPT(cfg)
    model.load_state_dict(ckpt["model"])
    model.eval()
    return model, cfg
