"""The live ladder figure's per-layer readout (widgets/ladder-live/): linear probes per residual layer for the four
scale labels, trained as measure.py trains them (its code, reused), with their weights shipped so that the browser
can apply them to the residuals it computes.

Reads  models/build/hier/ (val stream, labels, meta), models/build/hier/ladder/<run>.pt
Writes public/models/hier-<run>-probes.json: per label, what it reads and where, its classes, and per layer the
       standardisation (mu, sd), W [classes, d], b [classes] and the held-out accuracy

  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 models/hier/probes.py [--run L3-s1]

As in measure.py: trained on even validation documents (at most MAX_EXAMPLES examples, the same seeded subset),
scored on odd ones, so the accuracies here equal the measurements file's `probes` for the run.
"""

import argparse
import json
import os

import numpy as np
import torch

import measure as M
from ladder_probes import train_probe  # noqa: E402 (measure's import set the path)
from config import LADDER
from export import DEFAULT_RUN
from model import load_checkpoint

# What the figure calls each label: the scale of the language it needs (widgets/models/hier-language/README.md)
SCALES = {"noun_class": "piece", "subject_number": "phrase", "topic_number": "paragraph", "document_property": "document"}


def fit(X, y, doc, classes):
    """measure.probe_curve's split and standardisation for one layer; → weights and held-out accuracy."""
    if len(y) > M.MAX_EXAMPLES:
        keep = np.sort(np.random.default_rng([3, len(y)]).choice(len(y), size=M.MAX_EXAMPLES, replace=False))
        X, y, doc = X[torch.from_numpy(keep)], y[keep], doc[keep]
    train = doc % 2 == 0
    y_t = torch.from_numpy(np.asarray(y, dtype=np.int64))
    mu, sd = X[train].mean(0), X[train].std(0) + 1e-6
    Z = (X - mu) / sd
    W, b = train_probe(Z[train], y_t[train], classes)
    acc = float(((Z[~train] @ W.t() + b).argmax(-1) == y_t[~train]).double().mean())
    r = lambda t: [round(float(v), 6) for v in t.reshape(-1)]  # noqa: E731
    return {"mu": r(mu), "sd": r(sd), "W": [r(row) for row in W], "b": r(b), "accuracy": round(acc, 4)}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--run", default=DEFAULT_RUN)
    args = p.parse_args()
    torch.set_num_threads(1)
    meta, ids, lab, floor, spans, col = M.load()
    model, cfg = load_checkpoint(os.path.join(M.DATA, "ladder", f"{args.run}.pt"))
    wins = M.windows(lab, col, LADDER["block_size"])
    _, resid, wstart = M.forward_all(model, ids, wins)
    doc = lab[:, col["document"]]
    labels = {}
    for name, (t, y, classes, what) in M.label_sets(meta, ids, lab, col, wstart).items():
        layers = [fit(resid[l, t], y, doc[t], classes) for l in range(resid.shape[0])]
        counts = np.bincount(y[doc[t] % 2 == 1], minlength=classes)
        labels[name] = {"scale": SCALES[name], "what": what, "classes": classes, "examples": int(len(t)),
                        "majority": round(float(counts.max() / max(1, counts.sum())), 4), "layers": layers}
        print(f"{name}: held-out accuracy by layer {[l['accuracy'] for l in layers]}")
    out = os.path.join(M.ROOT, "public", "models", f"hier-{args.run}-probes.json")
    with open(out, "w") as f:
        json.dump({"run": args.run, "d_model": cfg.d_model, "layers": cfg.n_layer + 1,
                   "training": "even validation documents (at most %d examples), scored on odd ones" % M.MAX_EXAMPLES,
                   "labels": labels}, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {os.path.relpath(out, M.ROOT)}: {os.path.getsize(out):,} bytes")


if __name__ == "__main__":
    main()
