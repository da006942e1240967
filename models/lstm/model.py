"""A small LSTM language model, nanoGPT-style: the recurrent counterpart of models/transformer/model.py.

Token embedding, a stack of LSTM layers (Hochreiter & Schmidhuber 1997, with forget gates), a final LayerNorm
and an unembedding tied to the token embedding. Training runs torch's fused nn.LSTM; `steps` spells out the
same recurrence gate by gate (i, f, g, o, the nn.LSTM order and weights), so that the hidden and cell state
after every token can be returned and exported to ONNX as named outputs (export.py).

The state is the model's whole memory: n_layer × 2 × d_model numbers, whatever the length of the text.

Runs on torch 1.13 (Debian) and on current pip torch: it uses nothing newer than 1.13.
"""

from dataclasses import asdict, dataclass
from typing import List, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass
class LSTMConfig:
    vocab_size: int = 2048
    n_layer: int = 2
    d_model: int = 96  # embedding width = hidden width = cell width
    dropout: float = 0.0


class LSTMLM(nn.Module):
    def __init__(self, cfg: LSTMConfig):
        super().__init__()
        self.config = cfg
        self.wte = nn.Embedding(cfg.vocab_size, cfg.d_model)
        self.drop = nn.Dropout(cfg.dropout)
        self.lstm = nn.LSTM(cfg.d_model, cfg.d_model, num_layers=cfg.n_layer, batch_first=True,
                            dropout=cfg.dropout if cfg.n_layer > 1 else 0.0)
        self.ln_f = nn.LayerNorm(cfg.d_model)
        # embedding std 1/√d: the LSTM's gates then see inputs of the size they are initialised for (the
        # transformer's 0.02 left a pilot stuck at the unigram loss), and the tied logits start near unit scale
        nn.init.normal_(self.wte.weight, mean=0.0, std=cfg.d_model ** -0.5)
        # forget-gate bias 1 (Gers et al. 2000; Jozefowicz et al. 2015): start by remembering
        d = cfg.d_model
        for k in range(cfg.n_layer):
            getattr(self.lstm, f"bias_ih_l{k}").data[d:2 * d].fill_(1.0)
            getattr(self.lstm, f"bias_hh_l{k}").data[d:2 * d].fill_(0.0)

    def num_params(self) -> int:
        return sum(p.numel() for p in self.parameters())

    def head(self, h):
        """Final LayerNorm + tied unembedding, for top-layer hidden states [..., d_model]."""
        return self.ln_f(h) @ self.wte.weight.t()

    def zero_state(self, batch: int) -> Tuple[torch.Tensor, torch.Tensor]:
        z = torch.zeros(self.config.n_layer, batch, self.config.d_model)
        return z, z.clone()

    def forward(self, idx, state=None):
        """idx int64 [B, T]; state (h, c), each [n_layer, B, d_model], or None for zeros.
        -> logits [B, T, V], the state after the last token."""
        x = self.drop(self.wte(idx))
        y, state = self.lstm(x, state)
        return self.head(self.drop(y)), state

    def weights(self, layer: int):
        """(W_ih [4d, d], W_hh [4d, d], b [4d]) of one layer, gates in nn.LSTM's order i, f, g, o."""
        w_ih = getattr(self.lstm, f"weight_ih_l{layer}")
        w_hh = getattr(self.lstm, f"weight_hh_l{layer}")
        b = getattr(self.lstm, f"bias_ih_l{layer}") + getattr(self.lstm, f"bias_hh_l{layer}")
        return w_ih, w_hh, b

    def steps(self, idx, h0, c0):
        """The recurrence spelled out, batch 1. idx [1, T]; h0, c0 [n_layer, 1, d].
        -> (logits [1, V] after the last token, h [n_layer, 1, T, d], c [n_layer, 1, T, d]): every state."""
        x = self.wte(idx[0])  # [T, d]
        hs, cs = [], []
        for layer in range(self.config.n_layer):
            w_ih, w_hh, b = self.weights(layer)
            xw = x @ w_ih.t() + b  # the input's share of every gate, for all steps at once
            h_all, c_all = recur(xw, w_hh.t().contiguous(), h0[layer], c0[layer])
            hs.append(h_all)
            cs.append(c_all)
            x = h_all
        logits = self.head(x[-1:])  # [1, V]
        return logits, torch.stack(hs).unsqueeze(1), torch.stack(cs).unsqueeze(1)


@torch.jit.script
def recur(xw: torch.Tensor, w_hh_t: torch.Tensor, h: torch.Tensor, c: torch.Tensor):
    """One LSTM layer over T steps: xw [T, 4d] (input projections + bias), w_hh_t [d, 4d], h, c [1, d].
    -> (h [T, d], c [T, d]) after every step. Scripted, so the ONNX export keeps a loop over T (any length)."""
    d = h.size(1)
    hs: List[torch.Tensor] = []
    cs: List[torch.Tensor] = []
    for t in range(xw.size(0)):
        z = xw[t:t + 1] + h @ w_hh_t
        i = torch.sigmoid(z[:, 0:d])
        f = torch.sigmoid(z[:, d:2 * d])
        g = torch.tanh(z[:, 2 * d:3 * d])
        o = torch.sigmoid(z[:, 3 * d:4 * d])
        c = f * c + i * g
        h = o * torch.tanh(c)
        hs.append(h)
        cs.append(c)
    return torch.cat(hs, 0), torch.cat(cs, 0)


def save_checkpoint(path, model: LSTMLM, **extra):
    """Only tensors and plain Python values, so torch.load(weights_only=True) can read it."""
    torch.save({"config": asdict(model.config), "model": model.state_dict(), **extra}, path)


def load_checkpoint(path):
    """-> (model in eval mode on the CPU, config)."""
    ckpt = torch.load(path, map_location="cpu")
    cfg = LSTMConfig(**ckpt["config"])
    model = LSTMLM(cfg)
    model.load_state_dict(ckpt["model"])
    model.eval()
    return model, cfg
