"""What each channel of each block responds to, against the drawings' per-pixel labels (CONTRACT.md).

Population: the annotated ink pixels of the val images (part, orientation and shape all > 0). A unit at (x, y)
of a block with jump j owns the j x j tile of pixels [x*j, x*j + j) x [y*j, y*j + j): the tile is centred on
the unit's receptive-field centre ((x + 0.5) * j - 0.5 in pixel indices) and the tiles of a block cover the image
once. Each ink pixel carries the activation of the unit owning it, and its labels: orientation bin, shape,
part, and the class of its image.

- lift(c, v) = mean activation of channel c over ink pixels labelled v / its mean over all ink pixels.
- nmi(c, F) = I(A_c; F) / H(F) in bits, with A_c the activation quantised into 8 bins (0 = not firing, then
  7 equal-count bins of the positive values, edges from the first val images) and F the label family.
"""
import numpy as np
import torch

FAMILIES = ("orientation", "shape", "part", "class")
N_BINS = 8


def quantile_edges(samples, n_bins=N_BINS):
    """Per channel, the edges splitting the positive activations in `samples` [C, P] into n_bins - 1 equal-count
    bins. A channel that never fires gets +inf edges (everything lands in bin 0)."""
    edges = np.full((samples.shape[0], n_bins - 2), np.inf)
    q = np.arange(1, n_bins - 1) / (n_bins - 1)
    for c, s in enumerate(samples):
        pos = s[s > 0]
        if len(pos):
            edges[c] = np.quantile(pos, q)
    return torch.from_numpy(edges).float()


def binned(a, edges):
    """a [C, P] -> bin index [C, P]: 0 where a <= 0, else 1 + the number of edges at or below a."""
    idx = torch.searchsorted(edges.contiguous(), a.contiguous(), right=True) + 1
    return torch.where(a > 0, idx, torch.zeros_like(idx))


def ink_pixels(act, jump, mask):
    """act [B, C, h, w] -> [C, P]: each masked pixel's owning-unit activation (nearest upsampling by jump)."""
    up = act.repeat_interleave(jump, -1).repeat_interleave(jump, -2)
    return up.permute(1, 0, 2, 3).reshape(act.shape[1], -1)[:, mask.reshape(-1)]


def mi_bits(joint):
    """joint [..., A, V] counts -> (I(A; V), H(V)) in bits over the last two axes."""
    p = joint / joint.sum((-1, -2), keepdims=True).clip(min=1)
    pa, pv = p.sum(-1, keepdims=True), p.sum(-2, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        i = np.where(p > 0, p * np.log2(p / (pa * pv)), 0).sum((-1, -2))
        h = -np.where(pv > 0, pv * np.log2(pv), 0).sum((-1, -2))
    return i.clip(min=0), h  # clip: rounding leaves -1e-17 where I = 0


class Selectivity:
    def __init__(self, jumps, channels, n_parts, n_classes, edges):
        self.jumps, self.edges = jumps, edges
        self.K = {"orientation": 8, "shape": 4, "part": n_parts, "class": n_classes}
        self.sums = [{f: np.zeros((c, k)) for f, k in self.K.items()} for c in channels]
        self.counts = {f: np.zeros(k) for f, k in self.K.items()}
        # Joint counts [C, bin, label]; class and part together, for I(A; part | class).
        self.joint = [{"orientation": np.zeros((c, N_BINS, 8)), "shape": np.zeros((c, N_BINS, 4)),
                       "class_part": np.zeros((c, N_BINS, n_classes, n_parts))} for c in channels]

    def update(self, blocks, labels, part, orient, shape):
        mask = (part > 0) & (orient > 0) & (shape > 0)
        lab = {"orientation": orient[mask] - 1, "shape": shape[mask] - 1, "part": part[mask] - 1,
               "class": labels[:, None, None].expand_as(part)[mask]}
        for f, v in lab.items():
            self.counts[f] += np.bincount(v.numpy(), minlength=self.K[f])
        lab["class_part"] = lab["class"] * self.K["part"] + lab["part"]
        for l, act in enumerate(blocks):
            a = ink_pixels(act, self.jumps[l], mask)  # [C, P]
            C = a.shape[0]
            for f in FAMILIES:
                s = torch.zeros(C, self.K[f], dtype=torch.float64)
                s.index_add_(1, lab[f], a.double())
                self.sums[l][f] += s.numpy()
            b = binned(a, self.edges[l])
            for f, j in self.joint[l].items():
                k = j.shape[2] * (j.shape[3] if j.ndim == 4 else 1)
                flat = (torch.arange(C)[:, None] * N_BINS + b) * k + lab[f][None]
                j += np.bincount(flat.reshape(-1).numpy(), minlength=j.size).reshape(j.shape)

    def result(self, min_pixels=100):
        out = []
        for l in range(len(self.sums)):
            ink_mean = self.sums[l]["shape"].sum(1) / self.counts["shape"].sum()  # [C]
            alive = ink_mean > 0
            block = {"lift": {}, "best": {}, "best_lift": {}, "nmi": {}}
            for f in FAMILIES:
                n = self.counts[f]
                with np.errstate(divide="ignore", invalid="ignore"):
                    lift = self.sums[l][f] / n / ink_mean[:, None]
                # Labels too rare to say anything are not candidates for a channel's best label.
                cand = np.where((n >= min_pixels)[None] & alive[:, None], lift, -np.inf)
                best = cand.argmax(1)
                block["best"][f] = [int(b) if a else None for b, a in zip(best, alive)]
                block["best_lift"][f] = [float(cand[c, b]) if alive[c] else None for c, b in enumerate(best)]
                if f != "part":  # 30 parts x channels is too much to ship; the best part is enough
                    block["lift"][f] = [[float(x) if np.isfinite(x) else None for x in row] if a else None
                                        for row, a in zip(lift, alive)]
            j = self.joint[l]
            cp = j["class_part"]
            nmi = {}
            for f, joint in (("orientation", j["orientation"]), ("shape", j["shape"]),
                             ("part", cp.sum(2)), ("class", cp.sum(3))):
                i, h = mi_bits(joint)
                nmi[f] = i / h
            # I(A; part | class) = sum_k p(k) I(A; part | class = k): what a channel says about parts beyond
            # the class they belong to (parts are named per class, so part carries the class).
            pk = cp.sum((0, 1, 3)) / cp.sum((0, 1, 3)).sum()
            i_k, h_k = mi_bits(np.moveaxis(cp, 2, 0))  # [K, C]
            nmi["part_given_class"] = (pk[:, None] * i_k).sum(0) / (pk[:, None] * h_k).sum(0)
            block["nmi"] = {f: [float(x) for x in v] for f, v in nmi.items()}
            fam = np.stack([nmi[f] for f in FAMILIES], 1)  # [C, 4]
            best_family = [FAMILIES[k] if a else None for k, a in zip(fam.argmax(1), alive)]
            block["best_family"] = best_family
            n_alive = int(alive.sum())
            block["summary"] = {
                "channels": len(alive), "dead": len(alive) - n_alive,
                "mean_nmi": {f: float(np.mean(v)) for f, v in nmi.items()},
                "max_nmi": {f: float(np.max(v)) for f, v in nmi.items()},
                "best_family_share": {f: best_family.count(f) / max(n_alive, 1) for f in FAMILIES},
            }
            out.append(block)
        return out


def image_class_nmi(maxes, labels, n_classes):
    """Per channel, I(A; class) / H(class) over images, A = the channel's largest unit in the image (its top
    unit), quantised as above with edges from these same images. maxes [N, C], labels [N] -> [C]."""
    a = torch.from_numpy(maxes).float().T.contiguous()
    b = binned(a, quantile_edges(maxes.T))
    C = a.shape[0]
    flat = (torch.arange(C)[:, None] * N_BINS + b) * n_classes + torch.from_numpy(labels)[None].long()
    joint = np.bincount(flat.reshape(-1).numpy(), minlength=C * N_BINS * n_classes).reshape(C, N_BINS, n_classes)
    i, h = mi_bits(joint)
    return i / h
