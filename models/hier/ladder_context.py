"""The ladder's reach (measure.py, step 4): how much layer ℓ's vector changes when the context is cut to the last
k tokens (effective context), and the mean attention distance per layer and head."""
import numpy as np
import torch

CUT_KS = [1, 2, 4, 8, 16, 32, 64, 128]
EFFECTIVE = 0.1  # effective context: the smallest k whose cut changes the vector by less than this fraction


@torch.no_grad()
def resid_with_positions(model, idx, pos0):
    """Residual streams of idx [T] placed at positions pos0… (a cut context keeps its absolute positions)."""
    T = len(idx)
    x = model.wte(idx[None]) + model.wpe(torch.arange(pos0, pos0 + T))[None]
    mask = model.mask[:T, :T]
    out = [x]
    for block in model.blocks:
        x = block(x, mask)[0]
        out.append(x)
    return torch.stack(out)[:, 0]  # [L+1, T, d]


@torch.no_grad()
def effective_context(model, ids, lab, col, wins, rng, n=48):
    """Relative change of layer ℓ's vector at t when the context is cut to the last k tokens, averaged over n
    positions deep in full windows."""
    full = [(w, we) for w, we, _ in wins if we - w == model.config.block_size]
    pick = rng.choice(len(full), size=min(n, len(full)), replace=False)
    L = model.config.n_layer
    change = np.zeros((L + 1, len(CUT_KS)))
    for i in pick:
        w, we = full[i]
        change += cut_change(model, torch.from_numpy(ids[w:we]), CUT_KS)
    change /= len(pick)
    return [[round(float(c), 4) for c in row] for row in change], effective_k(change, CUT_KS)


@torch.no_grad()
def cut_change(model, x, ks):
    """‖h(t | last k tokens) − h(t)‖ / ‖h(t)‖ at the last position t of the window x [T], per layer and k
    -> [L+1, len(ks)]. Shared with the Brown model's measurements (models/transformer/measure_dezoom.py)."""
    t = len(x) - 1
    ref = resid_with_positions(model, x, 0)[:, t]  # [L+1, d]
    out = np.zeros((ref.shape[0], len(ks)))
    for j, k in enumerate(ks):
        cut = resid_with_positions(model, x[t + 1 - k:], t + 1 - k)[:, -1]
        out[:, j] = ((cut - ref).norm(dim=-1) / ref.norm(dim=-1)).numpy()
    return out


def effective_k(change, ks, threshold=EFFECTIVE):
    """Per layer, the smallest k whose change is under the threshold (None if none)."""
    eff = []
    for row in change:
        below = [k for k, c in zip(ks, row) if c < threshold]
        eff.append(below[0] if below else None)
    return eff


@torch.no_grad()
def attention_distance(model, ids, wins, n=64):
    """Mean over positions t ≥ 128 of Σ_j a[t, j]·(t − j), per layer and head, on n full windows."""
    full = [(w, we) for w, we, _ in wins if we - w == model.config.block_size][:n]
    T = model.config.block_size
    dist = (torch.arange(T)[:, None] - torch.arange(T)[None, :]).clamp(min=0).float()
    acc = None
    for w, we in full:
        att = model(torch.from_numpy(ids[w:we])[None], return_internals=True)["attn"][:, 0]  # [L, H, T, T]
        d = (att * dist).sum(-1)[:, :, T // 2:].mean(-1)  # [L, H]
        acc = d if acc is None else acc + d
    acc /= len(full)
    return [round(float(x), 2) for x in acc.mean(1)], [[round(float(x), 2) for x in row] for row in acc]
