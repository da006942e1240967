#!/usr/bin/env python3
"""Measurements of the trained Brown-corpus transformer (the `measure` step of the model factory).

Reads the checkpoint (models/build/transformer.pt) and the data step's files (models/build/data/*), writes
  public/models/transformer-measurements.json  attention statistics, linear probes (with control tasks and
                                               expected layers), logit lens — every number the essays quote
  public/models/transformer-probes.json        the probe weights, so a widget can apply them to any text

What every number means and how it is computed: models/transformer/MEASUREMENTS.md.
Seeded and deterministic (CPU, fixed thread count); a few minutes on 2 cores.

Run:  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 models/transformer/measure.py
"""
import argparse
import hashlib
import json
import math
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy/torch load OpenBLAS (models/README.md)

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # the measure_* modules beside this file
from measure_attention import ATTN_KEYS, AttentionStats, LensStats  # noqa: E402
from measure_probes import WORD_TYPE_COLUMN, MIN_TOTAL_GAIN, accuracy, control_table, expected_layer, train_probe  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# Columns of probe-{train,val}.bin (models/README.md).
LABEL_COLUMNS = {"word_start": 0, "upos": 1, "chunk": 2, "sentpos": 3, "genre": 4}
N_COLUMNS = 6
# Word-level labels that get a Hewitt & Liang control task (a random label per word type).
CONTROL_LABELS = ("upos", "chunk", "sentpos")
# Labels whose probe weights are shipped if the full file would be too large.
ESSENTIAL_PROBES = ("upos", "chunk", "word_start", "genre")


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--checkpoint", default=os.path.join(ROOT, "models/build/transformer.pt"))
    p.add_argument("--data", default=os.path.join(ROOT, "models/build/data"))
    p.add_argument("--out", default=os.path.join(ROOT, "public/models"),
                   help="folder for transformer-measurements.json and transformer-probes.json")
    p.add_argument("--model-dir", default=HERE, help="folder holding model.py (load_checkpoint)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=1, help="torch.set_num_threads")
    p.add_argument("--window", type=int, default=128, help="tokens per window (capped at the model's block size)")
    p.add_argument("--context", type=int, default=64,
                   help="probes and their labels use only positions >= this in a window, so every probed "
                        "token sees at least this many tokens of context")
    p.add_argument("--probe-train-tokens", type=int, default=50000)
    p.add_argument("--probe-val-tokens", type=int, default=20000)
    p.add_argument("--weight-decay", type=float, default=1e-3,
                   help="L2 penalty on the probe weights: loss = mean CE + wd/2 * ||W||^2")
    p.add_argument("--max-iter", type=int, default=300, help="L-BFGS iterations per probe")
    p.add_argument("--batch", type=int, default=16, help="windows per forward pass")
    p.add_argument("--max-probe-bytes", type=int, default=1_500_000)
    return p.parse_args(argv)


# ----------------------------------------------------------------------------------------------------- helpers

def cfg_get(cfg, *names, default=None):
    for n in names:
        if isinstance(cfg, dict) and n in cfg:
            return cfg[n]
        if not isinstance(cfg, dict) and hasattr(cfg, n):
            return getattr(cfg, n)
    return default


def r4(x):
    """Round every float in a nested structure to 4 decimals (NaN/inf -> None)."""
    if isinstance(x, dict):
        return {k: r4(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [r4(v) for v in x]
    if isinstance(x, (float, np.floating)):
        x = float(x)
        return round(x, 4) if math.isfinite(x) else None
    if isinstance(x, np.integer):
        return int(x)
    return x


def sig(arr, digits):
    """A tensor/array as a nested list of floats rounded to `digits` significant digits."""
    a = np.asarray(arr, dtype=np.float64)
    if a.ndim == 0:
        return float(f"{float(a):.{digits}g}")
    return [sig(v, digits) for v in a] if a.ndim > 1 else [float(f"{v:.{digits}g}") for v in a.tolist()]


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def load_split(data_dir, split):
    toks = np.fromfile(os.path.join(data_dir, f"{split}.bin"), dtype="<u2").astype(np.int64)
    probe = np.fromfile(os.path.join(data_dir, f"probe-{split}.bin"), dtype="<i4")
    if probe.size != toks.size * N_COLUMNS:
        raise SystemExit(f"probe-{split}.bin has {probe.size} int32, expected {toks.size} tokens x {N_COLUMNS}")
    return toks, probe.reshape(toks.size, N_COLUMNS).astype(np.int64)


def sample_starts(n_tokens, window, step, n_windows, rng):
    """Window starts on a grid of `step` (so the probed tails [start+context, start+window) never overlap
    when step = window - context), sampled without replacement, sorted. Each window needs window+1 tokens
    (the last one is the next-token target of the last position)."""
    grid = np.arange(0, n_tokens - window, step)
    if len(grid) == 0:
        raise SystemExit(f"stream of {n_tokens} tokens is shorter than a window of {window + 1}")
    n = min(n_windows, len(grid))
    return np.sort(rng.choice(grid, size=n, replace=False))


@torch.no_grad()
def forward_windows(model, stream, starts, window, batch):
    """Yield (tokens [B, window+1], model internals) for each batch of windows."""
    for i in range(0, len(starts), batch):
        x = torch.from_numpy(np.stack([stream[s:s + window + 1] for s in starts[i:i + batch]]))
        out = model(x[:, :-1], return_internals=True)
        yield x, out


# -------------------------------------------------------------------------------------------------------- main

def main(argv=None):
    args = parse_args(argv)
    t0 = time.time()
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    sys.path.insert(0, os.path.abspath(args.model_dir))
    from model import load_checkpoint  # noqa: E402  (the model step's module)

    meta = json.load(open(os.path.join(args.data, "meta.json")))
    label_names = meta["labels"]
    model, cfg = load_checkpoint(args.checkpoint)
    model.eval()
    block = cfg_get(cfg, "block_size", "n_ctx", "context_length")
    window = min(args.window, int(block)) if block else args.window
    context = min(args.context, window // 2)
    keep = window - context

    train_toks, train_probe_lab = load_split(args.data, "train")
    val_toks, val_probe_lab = load_split(args.data, "val")
    rng = np.random.default_rng(args.seed)
    train_starts = sample_starts(len(train_toks), window, keep, math.ceil(args.probe_train_tokens / keep), rng)
    val_starts = sample_starts(len(val_toks), window, keep, math.ceil(args.probe_val_tokens / keep), rng)

    # -- one pass over the validation windows: attention, logit lens, probe features
    attn_stats = lens_stats = None
    val_feats, val_rows = [], []
    for x, out in forward_windows(model, val_toks, val_starts, window, args.batch):
        resid = out["resid"]
        if attn_stats is None:
            n_resid, _, _, d_model = resid.shape
            n_layer, n_head = out["attn"].shape[0], out["attn"].shape[2]
            attn_stats = AttentionStats(n_layer, n_head, window)
            lens_stats = LensStats(n_resid)
        attn_stats.add(out["attn"])
        lens_stats.add(model, out, x[:, 1:])
        val_feats.append(resid[:, :, context:, :].reshape(n_resid, -1, d_model).float().clone())
    for s in val_starts:
        val_rows.append(val_probe_lab[s + context:s + window])
    t_val = time.time()
    print(f"validation pass: {len(val_starts)} windows, {time.time() - t0:.1f}s", flush=True)

    train_feats = [resid[:, :, context:, :].reshape(n_resid, -1, d_model).float().clone()
                   for _, out in forward_windows(model, train_toks, train_starts, window, args.batch)
                   for resid in [out["resid"]]]
    train_rows = [train_probe_lab[s + context:s + window] for s in train_starts]
    Xtr_all = torch.cat(train_feats, 1)  # [L+1, Ntr, d]
    Xva_all = torch.cat(val_feats, 1)
    Ytr = torch.from_numpy(np.concatenate(train_rows))
    Yva = torch.from_numpy(np.concatenate(val_rows))
    del train_feats, val_feats
    print(f"training pass: {len(train_starts)} windows, {time.time() - t_val:.1f}s", flush=True)

    # -- probes
    controls = {}
    for name in CONTROL_LABELS:
        col = LABEL_COLUMNS[name]
        table, _ = control_table(train_probe_lab, val_probe_lab, col, len(label_names[name]), args.seed)
        controls[name] = torch.from_numpy(table)

    def labelled(Y, name, control):
        col = LABEL_COLUMNS[name]
        y = Y[:, col]
        if not control:
            m = y >= 0
            return m, y[m]
        wt = Y[:, WORD_TYPE_COLUMN]
        m = (y >= 0) & (wt >= 0)
        return m, controls[name][wt[m]]

    probes = {name: {"acc": [], "control_acc": [], "weights": []} for name in LABEL_COLUMNS}
    standardise = []
    t_probe = time.time()
    for l in range(n_resid):
        mean = Xtr_all[l].mean(0)
        std = Xtr_all[l].std(0).clamp_min(1e-5)
        standardise.append((mean, std))
        Xtr = (Xtr_all[l] - mean) / std
        Xva = (Xva_all[l] - mean) / std
        iters = []
        for name in LABEL_COLUMNS:
            C = len(label_names[name])
            mtr, ytr = labelled(Ytr, name, False)
            mva, yva = labelled(Yva, name, False)
            W, b, it = train_probe(Xtr[mtr], ytr, C, args.weight_decay, args.max_iter)
            iters.append(it)
            probes[name]["acc"].append(accuracy(W, b, Xva[mva], yva))
            probes[name]["weights"].append((W, b))
            if name in controls:
                mtr, ytr = labelled(Ytr, name, True)
                mva, yva = labelled(Yva, name, True)
                Wc, bc, it = train_probe(Xtr[mtr], ytr, C, args.weight_decay, args.max_iter)
                iters.append(it)
                probes[name]["control_acc"].append(accuracy(Wc, bc, Xva[mva], yva))
        print(f"probes layer {l}: " + "  ".join(f"{n} {probes[n]['acc'][-1]:.3f}" for n in LABEL_COLUMNS)
              + f"  (L-BFGS iterations <= {max(iters)}; {time.time() - t_probe:.1f}s)", flush=True)

    probe_results = {}
    for name, col in LABEL_COLUMNS.items():
        C = len(label_names[name])
        ytr = Ytr[:, col][Ytr[:, col] >= 0]
        yva = Yva[:, col][Yva[:, col] >= 0]
        majority_class = int(torch.bincount(ytr, minlength=C).argmax()) if len(ytr) else 0
        acc = probes[name]["acc"]
        res = {
            "classes": label_names[name],
            "n_train": int(len(ytr)),
            "n_val": int(len(yva)),
            "majority": float((yva == majority_class).double().mean()) if len(yva) else None,
            "majority_class": label_names[name][majority_class],
            "per_layer_acc": acc,
            "best_layer": int(np.nanargmax(acc)),
            "expected_layer": expected_layer(acc, clip=False),
            "expected_layer_clipped": expected_layer(acc, clip=True),
        }
        if name in controls:
            ctl = probes[name]["control_acc"]
            sel = [a - c for a, c in zip(acc, ctl)]
            res.update({"control_acc": ctl, "selectivity": sel, "best_selectivity_layer": int(np.nanargmax(sel)),
                        "expected_layer_selectivity_clipped": expected_layer(sel, clip=True)})
        probe_results[name] = res

    model_info = {
        "checkpoint": os.path.relpath(os.path.abspath(args.checkpoint), ROOT),
        "checkpoint_sha256": sha256(args.checkpoint),
        "n_layer": int(n_layer), "n_head": int(n_head), "d_model": int(d_model),
        "block_size": int(block) if block else None,
        "vocab_size": int(meta.get("vocab_size", out["logits"].shape[-1])),
        "params": int(sum(p.numel() for p in model.parameters())),
    }
    data_info = {
        "seed": args.seed,
        "window": window,
        "min_context": context,
        "windows": "sampled without replacement from starts on a grid of window-min_context tokens; a window "
                   "is window+1 tokens of the stream (the last is the next-token target)",
        "val": {"stream_tokens": int(len(val_toks)), "windows": int(len(val_starts)),
                "attention_query_positions": attn_stats.count, "lens_positions": lens_stats.count,
                "probe_tokens": int(len(Yva))},
        "train": {"stream_tokens": int(len(train_toks)), "windows": int(len(train_starts)),
                  "probe_tokens": int(len(Ytr))},
        "probe": {"model": "multinomial logistic regression on standardised residual (train mean/std)",
                  "optimizer": "full-batch L-BFGS (strong Wolfe) from W=0, b=log prior",
                  "max_iter": args.max_iter, "weight_decay": args.weight_decay,
                  "positions": f"window positions {context}..{window - 1}",
                  "control": "Hewitt & Liang 2019: one random label per word_type, drawn from the label's "
                             "empirical train distribution (seeded)"},
    }
    measurements = {
        "model": model_info,
        "data": data_info,
        "attention": attn_stats.result(),
        "probes": probe_results,
        "logit_lens": lens_stats.result(),
    }
    os.makedirs(args.out, exist_ok=True)
    mpath = os.path.join(args.out, "transformer-measurements.json")
    with open(mpath, "w") as f:
        json.dump(r4(measurements), f, separators=(",", ":"))
        f.write("\n")

    # -- probe weights for the widget
    def probe_file(names, digits):
        return {
            "model": {k: model_info[k] for k in ("checkpoint_sha256", "n_layer", "d_model")},
            "features": "residual stream resid[l] (output `resid` of transformer.onnx), l = 0 (token + position "
                        "embedding) .. n_layer (after block l)",
            "apply": "z = (x - mean[l]) / std[l]; logits = W z + b; class = argmax(logits)",
            "min_context": context,
            "standardise": [{"layer": l, "mean": sig(m, digits), "std": sig(s, digits)}
                            for l, (m, s) in enumerate(standardise)],
            "probes": {name: {"classes": label_names[name],
                              "layers": [{"layer": l, "val_acc": round(probes[name]["acc"][l], 4),
                                          "W": sig(W, digits), "b": sig(b, digits)}
                                         for l, (W, b) in enumerate(probes[name]["weights"])]}
                       for name in names},
        }

    ppath = os.path.join(args.out, "transformer-probes.json")
    chosen = None
    for names, digits in ((tuple(LABEL_COLUMNS), 4), (ESSENTIAL_PROBES, 4), (ESSENTIAL_PROBES, 3)):
        text = json.dumps(probe_file(names, digits), separators=(",", ":")) + "\n"
        chosen = (names, digits)
        if len(text.encode()) <= args.max_probe_bytes:
            break
    with open(ppath, "w") as f:
        f.write(text)

    print_summary(measurements, n_resid)
    print(f"\nwrote {mpath} ({os.path.getsize(mpath)} bytes)")
    print(f"wrote {ppath} ({os.path.getsize(ppath)} bytes; probes {', '.join(chosen[0])}; {chosen[1]} significant digits)")
    print(f"total {time.time() - t0:.1f}s")


def print_summary(m, n_resid):
    f = lambda v: "   -  " if v is None else f"{v:6.3f}"
    print("\nprobe accuracy by layer (val)")
    print("label        majority " + " ".join(f"  L{l}  " for l in range(n_resid)) + "  E[l]  E[l]+")
    for name, p in m["probes"].items():
        print(f"{name:12s} {p['majority']:.3f}   " + " ".join(f(a) for a in p["per_layer_acc"])
              + f"  {f(p['expected_layer'])} {f(p['expected_layer_clipped'])}")
        if "control_acc" in p:
            print(f"{'  control':12s}         " + " ".join(f(a) for a in p["control_acc"]))
            print(f"{'  selectivity':12s}         " + " ".join(f(a) for a in p["selectivity"]))
    a = m["attention"]
    u = a["uniform"]
    print(f"\nattention (uniform: distance {u['mean_distance']:.2f}, excl. first {u['mean_distance_excl_first']:.2f}, "
          f"entropy {u['entropy']:.3f})")
    print("layer  distance  excl_first  first_share  entropy  prev_share  sd_dist")
    for L in a["layers"]:
        h = L["mean_over_heads"]
        print(f"{L['layer']:5d}  {h['mean_distance']:8.2f}  {h['mean_distance_excl_first']:10.2f}  "
              f"{h['first_token_share']:11.3f}  {h['entropy']:7.3f}  {h['prev_token_share']:10.3f}  "
              f"{L['sd_distance_over_heads']:7.2f}")
    print(f"previous-token heads (>50%): {a['prev_token_heads']}  distance-entropy r: {a['distance_entropy_r']}")
    print("\nlogit lens   layer     KL   top1     CE")
    for L in m["logit_lens"]["layers"]:
        print(f"             {L['layer']:5d} {L['kl']:6.3f} {L['top1_agreement']:6.3f} {L['ce']:6.3f}")


if __name__ == "__main__":
    main()
