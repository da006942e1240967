"""Attention statistics per head and the logit lens, accumulated over batches of windows (measure.py)."""
import numpy as np
import torch
import torch.nn.functional as F


ATTN_KEYS = ("mean_distance", "mean_distance_excl_first", "first_token_share", "entropy",
             "prev_token_share", "self_share")


class AttentionStats:
    """Per layer and head, averages over every window and every query position i = 1..T-1 (position 0 can
    only attend to itself, and "excluding the first position" is undefined there)."""

    def __init__(self, n_layer, n_head, T):
        self.T = T
        i = torch.arange(T)
        self.dist = (i[:, None] - i[None, :]).clamp_min(0).float()[1:]  # [T-1 queries, T keys]
        self.sums = {k: torch.zeros(n_layer, n_head, dtype=torch.float64) for k in ATTN_KEYS}
        self.count = 0
        self.max_acausal = 0.0

    def add(self, attn):  # [L, B, H, T, T] attention probabilities
        attn = attn.float()
        upper = torch.triu(torch.ones(self.T, self.T, dtype=torch.bool), 1)
        self.max_acausal = max(self.max_acausal, float(attn.masked_select(upper).abs().max()) if self.T > 1 else 0.0)
        a = attn[..., 1:, :]  # queries 1..T-1
        D = self.dist
        rest = a[..., 1:]
        stats = {
            "mean_distance": (a * D).sum(-1),
            "mean_distance_excl_first": (rest * D[:, 1:]).sum(-1) / rest.sum(-1).clamp_min(1e-30),
            "first_token_share": a[..., 0],
            "entropy": -(a * torch.log(a.clamp_min(1e-30))).sum(-1),
            "prev_token_share": torch.diagonal(a, offset=0, dim1=-2, dim2=-1),  # key i-1 of query i
            "self_share": torch.diagonal(a, offset=1, dim1=-2, dim2=-1),
        }
        for k, v in stats.items():  # v: [L, B, H, T-1]
            self.sums[k] += v.double().sum(dim=(1, 3))
        self.count += a.shape[1] * a.shape[3]

    def uniform(self):
        i = np.arange(1, self.T, dtype=np.float64)
        return {
            "mean_distance": float(np.mean(i / 2)),
            "mean_distance_excl_first": float(np.mean((i - 1) / 2)),
            "first_token_share": float(np.mean(1 / (i + 1))),
            "entropy": float(np.mean(np.log(i + 1))),
            "entropy_excl_first": float(np.mean(np.log(i))),
            "prev_token_share": float(np.mean(1 / (i + 1))),
        }

    def result(self):
        m = {k: (v / self.count).numpy() for k, v in self.sums.items()}
        L, H = m["mean_distance"].shape
        layers = []
        for l in range(L):
            heads = [{k: float(m[k][l, h]) for k in ATTN_KEYS} for h in range(H)]
            layers.append({
                "layer": l + 1,
                "heads": heads,
                "mean_over_heads": {k: float(m[k][l].mean()) for k in ATTN_KEYS},
                "sd_distance_over_heads": float(m["mean_distance"][l].std()),
                "max_distance_head": int(m["mean_distance"][l].argmax()),
            })
        dist, ent = m["mean_distance"].ravel(), m["entropy"].ravel()
        r = float(np.corrcoef(dist, ent)[0, 1]) if dist.size > 2 and dist.std() > 0 and ent.std() > 0 else None
        flagged = lambda key, thr: [[l + 1, h, float(m[key][l, h])] for l in range(L) for h in range(H)
                                    if m[key][l, h] > thr]
        return {
            "query_positions": f"1..{self.T - 1} of each window",
            "positions_averaged": self.count,
            "uniform": self.uniform(),
            "layers": layers,
            "distance_entropy_r": r,
            "prev_token_heads": flagged("prev_token_share", 0.5),
            "first_token_heads": flagged("first_token_share", 0.5),
            "max_acausal_weight": self.max_acausal,
        }


# -------------------------------------------------------------------------------------------------- logit lens

class LensStats:
    def __init__(self, n_resid):
        self.kl = np.zeros(n_resid)
        self.agree = np.zeros(n_resid)
        self.ce = np.zeros(n_resid)
        self.count = 0
        self.max_final_diff = 0.0

    @torch.no_grad()
    def add(self, model, out, targets):
        logits = out["logits"].float()
        lp_f = F.log_softmax(logits, -1)
        p_f = lp_f.exp()
        top_f = logits.argmax(-1)
        resid = out["resid"]
        for l in range(resid.shape[0]):
            lg = model.lens(resid[l]).float()
            if l == resid.shape[0] - 1:
                self.max_final_diff = max(self.max_final_diff, float((lg - logits).abs().max()))
            lp = F.log_softmax(lg, -1)
            self.kl[l] += float((p_f * (lp_f - lp)).sum(-1).double().sum())
            self.agree[l] += float((lg.argmax(-1) == top_f).double().sum())
            self.ce[l] += float(-lp.gather(-1, targets[..., None]).double().sum())
        self.count += targets.numel()

    def result(self):
        n = self.count
        return {
            "positions": n,
            "lens_final_vs_logits_max_abs_diff": self.max_final_diff,
            "layers": [{"layer": l, "kl": self.kl[l] / n, "top1_agreement": self.agree[l] / n, "ce": self.ce[l] / n}
                       for l in range(len(self.kl))],
        }
