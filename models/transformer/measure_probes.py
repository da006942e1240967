"""Linear probes, Hewitt & Liang control tasks and Tenney's expected layer (measure.py)."""
import numpy as np
import torch
import torch.nn.functional as F

WORD_TYPE_COLUMN = 5  # column of probe-{train,val}.bin (models/README.md)


def fit_linear(opt, X, y, W, b, wd):
    """One `opt.step` (L-BFGS over W, b) on a linear probe's loss: the cross-entropy of X @ Wᵀ + b, plus
    wd/2 · ‖W‖² (the bias is not decayed). Shared with the depth ladder's probes (models/hier/ladder_probes.py)."""

    def closure():
        opt.zero_grad()
        loss = F.cross_entropy(X @ W.t() + b, y) + 0.5 * wd * (W * W).sum()
        loss.backward()
        return loss

    opt.step(closure)


def train_probe(X, y, n_classes, wd, max_iter):
    """Multinomial logistic regression, full-batch L-BFGS from zero weights (deterministic).
    X: [N, d] standardised float32, y: [N] int64 in 0..n_classes-1."""
    d = X.shape[1]
    W = torch.zeros(n_classes, d, requires_grad=True)
    counts = torch.bincount(y, minlength=n_classes).float()
    b = torch.log((counts + 1) / (counts.sum() + n_classes)).clone().requires_grad_(True)  # start at the prior
    opt = torch.optim.LBFGS([W, b], lr=1, max_iter=max_iter, max_eval=int(max_iter * 1.25), history_size=20,
                            tolerance_grad=1e-6, tolerance_change=1e-9, line_search_fn="strong_wolfe")

    fit_linear(opt, X, y, W, b, wd)
    n_iter = opt.state[W].get("n_iter", 0)
    return W.detach(), b.detach(), n_iter


def accuracy(W, b, X, y):
    if len(y) == 0:
        return float("nan")
    return float(((X @ W.t() + b).argmax(-1) == y).double().mean())


MIN_TOTAL_GAIN = 0.005  # below half a point of total gain, E[l] is a ratio of noise: reported as null


def expected_layer(acc, clip):
    """Tenney et al. 2019: E[l] = sum_l l * d_l / sum_l d_l with d_l = acc(l) - acc(l-1), l = 1..L.
    clip=False uses the differences as given (can leave [1, L] when some are negative);
    clip=True replaces negative differences by 0."""
    deltas = [acc[l] - acc[l - 1] for l in range(1, len(acc))]
    if clip:
        deltas = [max(0.0, d) for d in deltas]
    den = sum(deltas)
    if not den > MIN_TOTAL_GAIN:
        return None
    return sum((l + 1) * d for l, d in enumerate(deltas)) / den


def control_table(probe_train, probe_val, col, n_classes, seed):
    """Hewitt & Liang 2019 control task: every word type gets a label drawn (seeded) from the label's
    empirical distribution over the training stream's labelled tokens. Indexed by word_type id."""
    y = probe_train[:, col]
    dist = np.bincount(y[y >= 0], minlength=n_classes).astype(np.float64)
    dist /= dist.sum()
    n_types = int(max(probe_train[:, WORD_TYPE_COLUMN].max(), probe_val[:, WORD_TYPE_COLUMN].max())) + 1
    rng = np.random.default_rng([seed, 7919, col])
    return rng.choice(n_classes, size=max(n_types, 1), p=dist), dist
