#!/usr/bin/env python3
"""The depth ladder's dezoom measurements, repeated on the shipped Brown model (issue 13, point 4).

Reads the shipped transformer (models/build/transformer.pt if built, else the weights read back from
public/models/transformer.onnx, checked against the export's fixture) and the data step's files
(models/build/data/*). Writes public/models/transformer-dezoom.json:

1. effective context: how much the residual vector at the last position of a 128-token window changes, per
   layer, when the context is cut to the last k tokens (positions kept), with the ladder's code and threshold
   (models/hier/ladder_context.py);
2. genre with a bag-of-embeddings control: the layer probes of measure.py beside the same probe on the mean
   input token embedding of the window each probed token sees (models/hier/ladder_probes.py);
3. part of speech at a word's last piece, for words of one BPE piece and words of two or more;
4. sentence position (the composed label) with its Hewitt & Liang control task.
Probes 2–4 are measure.py's (standardised multinomial logistic regression, L-BFGS, same windows and sizes), once
per probe seed (the seed draws the windows and the control labels). Intervals: 95 % bootstrap over the
validation documents (models/hier/ladder_stats.py); differences get a paired bootstrap on the same resamples.
What every field means: models/transformer/MEASUREMENTS.md, "The dezoom measurements".

Run:  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 models/transformer/measure_dezoom.py   (a few minutes, 1 thread)
"""
import argparse
import base64
import json
import math
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)  # measure.py, measure_probes.py, model.py of this folder first
sys.path.append(os.path.join(ROOT, "models", "hier"))  # the ladder's code (after: it has a measure.py too)
sys.path.append(os.path.join(ROOT, "models", "memory"))  # recall.load_transformer, the one ONNX loader

from measure import LABEL_COLUMNS, WORD_TYPE_COLUMN, forward_windows, load_split, r4, sample_starts  # noqa: E402
from measure_probes import accuracy, control_table, train_probe  # noqa: E402
from ladder_context import CUT_KS, EFFECTIVE, cut_change, effective_k  # noqa: E402
from ladder_probes import bag_of_embeddings  # noqa: E402
from ladder_stats import BOOTSTRAP, bootstrap, per_doc  # noqa: E402
from recall import load_transformer  # noqa: E402


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--checkpoint", default=os.path.join(ROOT, "models/build/transformer.pt"),
                   help="used if it exists; otherwise the shipped ONNX weights")
    p.add_argument("--data", default=os.path.join(ROOT, "models/build/data"))
    p.add_argument("--out", default=os.path.join(ROOT, "public/models/transformer-dezoom.json"))
    p.add_argument("--seeds", type=int, nargs="+", default=[0, 1], help="probe seeds (windows and control labels)")
    p.add_argument("--window", type=int, default=128)
    p.add_argument("--context", type=int, default=64, help="probed positions are >= this in their window")
    p.add_argument("--probe-train-tokens", type=int, default=50000)
    p.add_argument("--probe-val-tokens", type=int, default=20000)
    p.add_argument("--weight-decay", type=float, default=1e-3)
    p.add_argument("--max-iter", type=int, default=300)
    p.add_argument("--batch", type=int, default=16)
    return p.parse_args(argv)


# ------------------------------------------------------------------------------------------- checks and labels

def fixture_max_diff(model):
    """Max |torch − fixture| over every output of both fixture cases (logits, resid, q, k, v, attn's stored lower
    triangle): the weights read back must be the shipped model's."""
    with open(os.path.join(ROOT, "models", "fixtures", "transformer-fixture.json")) as f:
        fx = json.load(f)
    worst = 0.0
    with torch.no_grad():
        for case in fx["cases"]:
            out = model(torch.tensor([case["input_ids"]]), return_internals=True, last_only=True)
            for name, t in case["outputs"].items():
                want = np.frombuffer(base64.b64decode(t["data"]), dtype="<f4")
                got = out[name].numpy()
                if name == "attn":  # lower triangle, row by row
                    T = got.shape[-1]
                    got = got[..., np.tril_indices(T)[0], np.tril_indices(T)[1]]
                worst = max(worst, float(np.abs(got.reshape(-1) - want).max()))
    return worst


def word_pieces(labels):
    """Per token: how many BPE pieces its word has if the token is the word's last piece, else 0. A word is a
    token with word_start 1 and the continuation tokens (word_start 0) after it (models/data/README.md)."""
    ws = labels[:, LABEL_COLUMNS["word_start"]]
    pieces = np.zeros(len(ws), dtype=np.int64)
    run = 0
    for t in range(len(ws)):
        run = 1 if ws[t] == 1 else (run + 1 if ws[t] == 0 and run > 0 else 0)
        last = t + 1 == len(ws) or ws[t + 1] != 0
        if run and last:
            pieces[t] = run
    return pieces


def doc_ids(toks, eot):
    """Validation document of every token: documents start at <|endoftext|>."""
    return np.cumsum(toks == eot) - 1


# ---------------------------------------------------------------------------------------------- intervals

def ci(hit, doc, n_docs, rng):
    h, c = per_doc(doc, hit.astype(np.float64), n_docs)
    return bootstrap(h, c, rng)


def diff_ci(a, doc_a, b, doc_b, n_docs, rng):
    """95 % interval of mean(a) − mean(b), documents resampled together (a, b may be different tokens)."""
    ha, ca = per_doc(doc_a, a.astype(np.float64), n_docs)
    hb, cb = per_doc(doc_b, b.astype(np.float64), n_docs)
    idx = rng.integers(0, n_docs, size=(BOOTSTRAP, n_docs))
    vals = ha[idx].sum(1) / np.maximum(ca[idx].sum(1), 1) - hb[idx].sum(1) / np.maximum(cb[idx].sum(1), 1)
    return [round(float(np.percentile(vals, 2.5)), 4), round(float(np.percentile(vals, 97.5)), 4)]


# ------------------------------------------------------------------------------------------------ probes

def hits(Xtr, ytr, Xva, yva, C, args):
    W, b, _ = train_probe(Xtr, ytr, C, args.weight_decay, args.max_iter)
    return ((Xva @ W.t() + b).argmax(-1) == yva).numpy()


def standardise(Xtr, Xva):
    mean, std = Xtr.mean(0), Xtr.std(0).clamp_min(1e-5)
    return (Xtr - mean) / std, (Xva - mean) / std


def tails(model, toks, starts, args):
    """Residual streams [L+1, N, d] at positions context…window−1 of each window, and those positions in the stream."""
    feats = [out["resid"][:, :, args.context:, :].reshape(out["resid"].shape[0], -1, out["resid"].shape[-1]).clone()
             for _, out in forward_windows(model, toks, starts, args.window, args.batch)]
    pos = np.concatenate([np.arange(s + args.context, s + args.window) for s in starts])
    return torch.cat(feats, 1), pos


def bags(model, toks, starts, args):
    """The ladder's bag of embeddings (mean input token embedding from the window's start to the token, no
    positions) at the same positions as `tails`, one window at a time."""
    at = np.arange(args.context, args.window)
    return torch.cat([bag_of_embeddings(model, toks[s:s + args.window], np.zeros(args.window, dtype=np.int64), at)
                      for s in starts])


def measure_seed(model, seed, data, args):
    (tr_toks, tr_lab, tr_pieces), (va_toks, va_lab, va_pieces, va_doc), names = data
    n_docs = int(va_doc.max()) + 1
    rng = np.random.default_rng(seed)  # the same draws as measure.py with --seed: seed 0 reproduces its probes
    keep = args.window - args.context
    tr_starts = sample_starts(len(tr_toks), args.window, keep, math.ceil(args.probe_train_tokens / keep), rng)
    va_starts = sample_starts(len(va_toks), args.window, keep, math.ceil(args.probe_val_tokens / keep), rng)
    Xtr, tr_pos = tails(model, tr_toks, tr_starts, args)
    Xva, va_pos = tails(model, va_toks, va_starts, args)
    Ytr, Yva, doc = tr_lab[tr_pos], va_lab[va_pos], va_doc[va_pos]
    boot = np.random.default_rng([seed, 1])
    L1 = Xtr.shape[0]
    out = {"seed": seed, "val_windows": int(len(va_starts)), "train_windows": int(len(tr_starts))}

    def majority(ytr, yva):
        return round(float((yva == np.bincount(ytr).argmax()).mean()), 4)

    def probe_layers(col, name, mtr, mva):
        """One probe per layer for label `col` on the masked tokens: labels, their documents, per-token hits."""
        ytr, yva = torch.from_numpy(Ytr[mtr, col]), torch.from_numpy(Yva[mva, col])
        C = len(names[name])
        layer_hits = []
        for l in range(L1):
            a, b = standardise(Xtr[l][torch.from_numpy(mtr)], Xva[l][torch.from_numpy(mva)])
            layer_hits.append(hits(a, ytr, b, yva, C, args))
        return ytr, yva, doc[mva], C, layer_hits

    # 2. genre: layers 0…L, and the bag of input embeddings of the window up to each probed token
    col = LABEL_COLUMNS["genre"]
    mtr, mva = Ytr[:, col] >= 0, Yva[:, col] >= 0
    ytr, yva, dva, C, layer_hits = probe_layers(col, "genre", mtr, mva)
    a, b = standardise(bags(model, tr_toks, tr_starts, args)[torch.from_numpy(mtr)],
                       bags(model, va_toks, va_starts, args)[torch.from_numpy(mva)])
    bag = hits(a, ytr, b, yva, C, args)
    out["genre"] = {
        "tokens": int(mva.sum()), "majority": majority(Ytr[mtr, col], Yva[mva, col]),
        "acc": [float(h.mean()) for h in layer_hits], "ci": [ci(h, dva, n_docs, boot) for h in layer_hits],
        "bag_of_embeddings": float(bag.mean()), "bag_of_embeddings_ci": ci(bag, dva, n_docs, boot),
        "layer_minus_bag_ci": [diff_ci(h, dva, bag, dva, n_docs, boot) for h in layer_hits],
    }

    # 3. part of speech at a word's last piece: one probe per layer on every word, scored by word length in pieces
    col = LABEL_COLUMNS["upos"]
    mtr = (tr_pieces[tr_pos] > 0) & (Ytr[:, col] >= 0)
    mva = (va_pieces[va_pos] > 0) & (Yva[:, col] >= 0)
    multi = va_pieces[va_pos][mva] >= 2
    ytr, yva, dva, C, layer_hits = probe_layers(col, "upos", mtr, mva)
    ymaj = np.bincount(Ytr[mtr, col]).argmax()
    groups = {}
    for g, m in (("single", ~multi), ("multi", multi)):
        hs = [h[m] for h in layer_hits]
        groups[g] = {"words": int(m.sum()), "majority": round(float((yva.numpy()[m] == ymaj).mean()), 4),
                     "acc": [float(h.mean()) for h in hs], "ci": [ci(h, dva[m], n_docs, boot) for h in hs],
                     "gain_over_layer0_ci": [diff_ci(h, dva[m], hs[0], dva[m], n_docs, boot) for h in hs]}
    # does depth add more for multi-piece words? (gain at each layer, multi minus single)
    gm = [layer_hits[l][multi].astype(float) - layer_hits[0][multi] for l in range(L1)]
    gs = [layer_hits[l][~multi].astype(float) - layer_hits[0][~multi] for l in range(L1)]
    out["upos_by_pieces"] = {**groups, "multi_gain_minus_single_gain_ci": [
        diff_ci(gm[l], dva[multi], gs[l], dva[~multi], n_docs, boot) for l in range(L1)]}

    # 4. sentence position, with the control task (a random label per word type) on the same tokens
    col = LABEL_COLUMNS["sentpos"]
    C = len(names["sentpos"])
    table, _ = control_table(tr_lab, va_lab, col, C, seed)
    mtr = (Ytr[:, col] >= 0) & (Ytr[:, WORD_TYPE_COLUMN] >= 0)
    mva = (Yva[:, col] >= 0) & (Yva[:, WORD_TYPE_COLUMN] >= 0)
    ytr, yva, dva = torch.from_numpy(Ytr[mtr, col]), torch.from_numpy(Yva[mva, col]), doc[mva]
    ctr = torch.from_numpy(table[Ytr[mtr, WORD_TYPE_COLUMN]])
    cva = torch.from_numpy(table[Yva[mva, WORD_TYPE_COLUMN]])
    real, ctl = [], []
    for l in range(L1):
        a, b = standardise(Xtr[l][torch.from_numpy(mtr)], Xva[l][torch.from_numpy(mva)])
        real.append(hits(a, ytr, b, yva, C, args))
        ctl.append(hits(a, ctr, b, cva, C, args))
    out["sentpos"] = {
        "tokens": int(mva.sum()), "majority": majority(Ytr[mtr, col], Yva[mva, col]),
        "acc": [float(h.mean()) for h in real], "ci": [ci(h, dva, n_docs, boot) for h in real],
        "gain_over_layer0_ci": [diff_ci(h, dva, real[0], dva, n_docs, boot) for h in real],
        "control_acc": [float(h.mean()) for h in ctl], "control_ci": [ci(h, dva, n_docs, boot) for h in ctl],
        "selectivity": [float(r.mean() - c.mean()) for r, c in zip(real, ctl)],
        "selectivity_ci": [diff_ci(r, dva, c, dva, n_docs, boot) for r, c in zip(real, ctl)],
    }
    return out


# ---------------------------------------------------------------------------------------- effective context

@torch.no_grad()
def replace_change(model, x, other, ks):
    """Like cut_change, but the tokens before the last k are replaced by as many tokens of other text instead of
    removed: every window stays 128 tokens long, as in training, so no position sees an unusually short context."""
    T = len(x)
    rows = [x] + [torch.cat([other[:T - k], x[T - k:]]) for k in ks]
    r = model(torch.stack(rows), return_internals=True)["resid"][:, :, -1]  # [L+1, 1+K, d]
    return ((r[:, 1:] - r[:, :1]).norm(dim=-1) / r[:, :1].norm(dim=-1)).numpy()


def summarise(change, d, n_docs, ks, rng):
    mean = change.mean(0)
    cis = [[ci(change[:, l, j], d, n_docs, rng) for j in range(len(ks))] for l in range(mean.shape[0])]
    upper = np.array([[c[1] for c in row] for row in cis])
    return {"change": mean.tolist(), "change_ci": cis,
            "effective_k": effective_k(mean, ks), "effective_k_upper": effective_k(upper, ks)}


def effective_context(model, toks, doc, args):
    """The ladder's cut (models/hier/ladder_context.py) at the last position of windows starting every
    `window` tokens over the whole validation stream (disjoint windows, every document), and the same with the
    far tokens replaced by the start of a window from another validation document."""
    ks = [k for k in CUT_KS if k < args.window]  # k = window is the full context itself
    T = args.window
    starts = np.arange(0, len(toks) - T + 1, T)
    d = doc[starts + T - 1]
    n_docs = int(doc.max()) + 1
    rng = np.random.default_rng(2)
    cut = np.stack([cut_change(model, torch.from_numpy(toks[s:s + T]), ks) for s in starts])  # [N, L+1, K]
    repl = []
    for s, ds in zip(starts, d):
        others = starts[(doc[starts] != ds) & (doc[starts + T - 1] != ds)]
        o = others[rng.integers(len(others))]
        repl.append(replace_change(model, torch.from_numpy(toks[s:s + T]), torch.from_numpy(toks[o:o + T]), ks))
    return {"cut_ks": ks, "positions": int(len(starts)), "documents": int(len(np.unique(d))),
            "cut": summarise(cut, d, n_docs, ks, rng), "replaced": summarise(np.stack(repl), d, n_docs, ks, rng)}


# ------------------------------------------------------------------------------------------------------ main

def main(argv=None):
    args = parse_args(argv)
    t0 = time.time()
    torch.set_num_threads(1)
    torch.manual_seed(0)
    model, source = load_transformer(args.checkpoint)
    worst = fixture_max_diff(model)
    assert worst <= 1e-4, f"the loaded model differs from the export's fixture by {worst}"
    print(f"model: {source}; max |diff| to the fixture {worst:.2e}", flush=True)
    args.window = min(args.window, model.config.block_size)

    with open(os.path.join(args.data, "meta.json")) as f:
        meta = json.load(f)
    tr_toks, tr_lab = load_split(args.data, "train")
    va_toks, va_lab = load_split(args.data, "val")
    va_doc = doc_ids(va_toks, meta["eot_id"])
    data = ((tr_toks, tr_lab, word_pieces(tr_lab)), (va_toks, va_lab, word_pieces(va_lab), va_doc), meta["labels"])

    eff = effective_context(model, va_toks, va_doc, args)
    for how in ("cut", "replaced"):
        print(f"effective context ({how}): k under {EFFECTIVE} per layer {eff[how]['effective_k']} (upper bound: "
              f"{eff[how]['effective_k_upper']}); change at k = {eff['cut_ks'][-1]}: "
              f"{np.round(np.array(eff[how]['change'])[:, -1], 3)}; {time.time() - t0:.0f}s", flush=True)
    seeds = []
    for seed in args.seeds:
        seeds.append(measure_seed(model, seed, data, args))
        s = seeds[-1]
        print(f"seed {seed}: genre {np.round(s['genre']['acc'], 3)} bag {s['genre']['bag_of_embeddings']:.3f}; "
              f"upos single {np.round(s['upos_by_pieces']['single']['acc'], 3)} multi {np.round(s['upos_by_pieces']['multi']['acc'], 3)}; "
              f"sentpos {np.round(s['sentpos']['acc'], 3)} sel {np.round(s['sentpos']['selectivity'], 3)}; "
              f"{time.time() - t0:.0f}s", flush=True)

    result = {
        "model": {"source": source, "fixture_max_abs_diff": worst, "n_layer": model.config.n_layer,
                  "d_model": model.config.d_model, "block_size": model.config.block_size,
                  "params": sum(p.numel() for p in model.parameters())},
        "criterion": {"bootstrap": BOOTSTRAP, "interval": 0.95, "unit": "validation document",
                      "effective_change": EFFECTIVE},
        "data": {"val_documents": meta["val"]["documents"], "window": args.window, "min_context": args.context,
                 "probe_train_tokens": args.probe_train_tokens, "probe_val_tokens": args.probe_val_tokens},
        "probe": {"model": "multinomial logistic regression on standardised features (train mean/std)",
                  "optimizer": "full-batch L-BFGS from W=0, b=log prior", "max_iter": args.max_iter,
                  "weight_decay": args.weight_decay},
        "effective_context": eff,
        "seeds": seeds,
    }
    with open(args.out, "w") as f:
        json.dump(r4(result), f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {os.path.relpath(args.out, ROOT)} in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
