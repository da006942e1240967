"""Measure the depth ladder (issue 13): per model and layer, on the generated language's validation documents.

Reads  models/build/hier/ (val stream, labels, spans, meta, controls) and models/build/hier/ladder/*.pt
Writes public/models/hier-ladder-measurements.json   (its fields: models/hier/README.md)

  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 models/hier/measure.py

1. Loss by scale: at each token whose prediction needs a scale (NEEDS in widgets/models/hier-language/language.ts),
   the model's accuracy among that token's alternatives (a verb's third piece among the 4 third pieces; -ta/-ne;
   ka/mo/ri; ko/pu) and its loss above the generator's own floor. A scale is solved at accuracy ≥ SOLVED.
2. Probes: linear probes per residual layer for the four scale labels, with a bag-of-embeddings probe (the mean
   of the window's token embeddings) and a control task (Hewitt & Liang: a seeded random label per token id).
3. Span probes (Tenney et al.'s edge probing on the generator's trees), by span length, from
   [h(last token), mean h(span)] at layer ℓ (layer 0 is the bag-of-embeddings-and-positions baseline):
   `constituent`: which constituent (or none) a span is; `head_number`: a noun phrase's head's number, which in a
   subject phrase only its structure tells (as many singular as plural nouns).
4. Effective context: how much layer ℓ's vector at t changes when the input is cut to the last k tokens
   (positions kept); and attention distance by layer.
Intervals: 95 % bootstrap over validation documents (BOOTSTRAP resamples); probes are trained on one half of the
documents and scored on the other.
"""

import json
import os
import sys
import time

from ladder_env import DATA, ROOT  # first: sets the BLAS threads and the import path
import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from model import load_checkpoint  # noqa: E402
from config import LADDER, run_name, runs  # noqa: E402
from ladder_context import CUT_KS, EFFECTIVE, attention_distance, effective_context  # noqa: E402
from ladder_probes import MAX_EXAMPLES, SPAN_BUCKETS, bag_of_embeddings, head_number_spans, label_sets, probe_curve, span_probe, span_sets  # noqa: E402
from ladder_stats import BOOTSTRAP, bootstrap, per_doc  # noqa: E402

OUT = os.path.join(ROOT, "public", "models", "hier-ladder-measurements.json")
SOLVED = 0.9
ALTERNATIVES = {  # the tokens a scale's prediction chooses among
    "piece": ["sa", "se", "si", "su"],
    "phrase": ["-ta", "-ne"],
    "paragraph": None,  # per token: ka/mo/ri at a pronoun, -ta/-ne at its verb
    "document": ["ko", "pu"],
}


def load():
    with open(os.path.join(DATA, "meta.json")) as f:
        meta = json.load(f)
    ids = np.fromfile(os.path.join(DATA, "val.bin"), dtype="<u2").astype(np.int64)
    C = len(meta["columns"])
    lab = np.fromfile(os.path.join(DATA, "val-labels.bin"), dtype="<i4").reshape(-1, C)
    floor = np.fromfile(os.path.join(DATA, "val-floor.bin"), dtype="<f4")
    spans = np.fromfile(os.path.join(DATA, "val-spans.bin"), dtype="<i4").reshape(-1, 5)
    col = {n: i for i, n in enumerate(meta["columns"])}
    return meta, ids, lab, floor, spans, col


def windows(lab, col, T):
    """Per document, windows of T tokens from its start every T/2; each scores the tokens the previous did not."""
    doc = lab[:, col["document"]]
    starts = np.flatnonzero(np.r_[True, doc[1:] != doc[:-1]])
    ends = np.r_[starts[1:], len(doc)]
    out = []  # (window start, window end, first scored position)
    for s, e in zip(starts, ends):
        w, scored = s, s
        while scored < e:
            we = min(w + T, e)
            out.append((w, we, scored))
            scored = we
            w = we - T // 2
    return out


@torch.no_grad()
def forward_all(model, ids, wins):
    """Logits and residual streams of every window: per token its scoring window's outputs.
    -> logits [N, V], resid [L+1, N, d], window start of each token's window [N]."""
    N = len(ids)
    L, d, V = model.config.n_layer, model.config.d_model, model.config.vocab_size
    logits = torch.zeros(N, V)
    resid = torch.zeros(L + 1, N, d)
    wstart = np.zeros(N, dtype=np.int64)
    for w, we, scored in wins:
        out = model(torch.from_numpy(ids[w:we])[None], return_internals=True)
        k = scored - w
        logits[scored:we] = out["logits"][0, k:]
        resid[:, scored:we] = out["resid"][:, 0, k:]
        wstart[scored:we] = w
    return logits, resid, wstart


def scale_tokens(meta, ids, lab, col, wstart):
    """Positions per scale whose evidence lies inside their window, and each one's alternative ids."""
    piece = {p: i for i, p in enumerate(meta["pieces"])}
    needs = lab[:, col["needs"]]
    ev = lab[:, col["evidence"]]
    out = {}
    for s, name in enumerate(meta["labels"]["needs"]):
        if name == "local":
            continue
        pos = np.flatnonzero((needs == s) & (ev >= wstart))
        alts = []
        for t in pos:
            names = ALTERNATIVES[name]
            if names is None:
                names = ["ka", "mo", "ri"] if meta["pieces"][ids[t]] in ("ka", "mo", "ri") else ["-ta", "-ne"]
            alts.append([piece[n] for n in names])
        out[name] = (pos, alts)
    return out


def loss_by_scale(logits, ids, floor, lab, col, scales, rng):
    doc = lab[:, col["document"]]
    n_docs = int(doc.max()) + 1
    logp = F.log_softmax(logits, -1)
    res = {}
    for name, (pos, alts) in scales.items():
        # logits[t] predicts token t+1; the prediction *of* token t is at t-1
        hits = np.array([int(alts[i][int(torch.argmax(logits[t - 1, alts[i]]))] == ids[t]) for i, t in enumerate(pos)], dtype=np.float64)
        excess = np.array([-float(logp[t - 1, ids[t]]) - float(floor[t]) for t in pos])
        h, c = per_doc(doc[pos], hits, n_docs)
        x, _ = per_doc(doc[pos], excess, n_docs)
        res[name] = {"tokens": int(len(pos)), "accuracy": round(float(hits.mean()), 4), "accuracy_ci": bootstrap(h, c, rng),
                     "chance": round(float(np.mean([1 / len(a) for a in alts])), 4),
                     "excess_loss": round(float(excess.mean()), 4), "excess_loss_ci": bootstrap(x, c, rng)}
    return res


def measure_run(name, meta, ids, lab, floor, spans, col, wins):
    model, cfg = load_checkpoint(os.path.join(DATA, "ladder", f"{name}.pt"))
    rng = np.random.default_rng(0)
    logits, resid, wstart = forward_all(model, ids, wins)
    doc = lab[:, col["document"]]
    out = {"scales": loss_by_scale(logits, ids, floor, lab, col, scale_tokens(meta, ids, lab, col, wstart), rng)}
    probes = {}
    for label, (t, y, classes, what) in label_sets(meta, ids, lab, col, wstart).items():
        feats = [resid[l, t] for l in range(resid.shape[0])]
        accs, cis = probe_curve(feats, y, doc[t], classes, rng)
        boe, boe_ci = probe_curve([bag_of_embeddings(model, ids, wstart, t)], y, doc[t], classes, rng)
        ctl_map = np.random.default_rng([1, classes]).integers(0, classes, size=meta["vocab_size"])
        ctl, _ = probe_curve([resid[cfg.n_layer, t]], ctl_map[ids[t]], doc[t], classes, rng)
        counts = np.bincount(y[doc[t] % 2 == 1], minlength=classes)
        probes[label] = {"what": what, "examples": int(len(t)), "accuracy": accs, "accuracy_ci": cis,
                         "majority": round(float(counts.max() / max(1, counts.sum())), 4),
                         "bag_of_embeddings": boe[0], "bag_of_embeddings_ci": boe_ci[0], "control_task_top_layer": ctl[0]}
    out["probes"] = probes
    starts, ends, labels = span_sets(spans, lab, col, wstart, rng)
    out["spans"] = {"constituent": span_probe(resid, ids, doc, starts, ends, labels, 7, meta["vocab_size"], rng)}
    starts, ends, labels = head_number_spans(spans, lab, col, wstart)
    out["spans"]["head_number"] = span_probe(resid, ids, doc, starts, ends, labels, 2, meta["vocab_size"], rng)
    out["effective_context"], out["effective_k"] = effective_context(model, ids, lab, col, wins, rng)
    out["attention_distance"], out["attention_distance_heads"] = attention_distance(model, ids, wins)
    return out


def main():
    """No arguments: measure every run and write the file. `--only RUN`: measure one run into
    models/build/hier/measured/RUN.json (to measure runs while later ones train). `--merge`: write the file from
    those per-run files, measuring none."""
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None
    merge = "--merge" in sys.argv
    torch.set_num_threads(1)
    t0 = time.time()
    meta, ids, lab, floor, spans, col = load()
    with open(os.path.join(DATA, "controls.json")) as f:
        controls = json.load(f)
    wins = windows(lab, col, LADDER["block_size"])
    per_run = os.path.join(DATA, "measured")
    os.makedirs(per_run, exist_ok=True)
    for depth, seed in runs():
        name = run_name(depth, seed)
        if merge or (only and name != only):
            continue
        ts = time.time()
        m = measure_run(name, meta, ids, lab, floor, spans, col, wins)
        with open(os.path.join(per_run, f"{name}.json"), "w") as f:
            json.dump(m, f)
        print(f"{name}: " + ", ".join(f"{k} {v['accuracy']:.3f}" for k, v in m["scales"].items())
              + f"; effective k {m['effective_k']}; attention distance {m['attention_distance']} ({time.time() - ts:.0f} s)", flush=True)
    if only:
        return
    logs = {}
    for depth, seed in runs():
        path = os.path.join(DATA, "ladder", f"{run_name(depth, seed)}.log.json")
        if os.path.exists(path):
            with open(path) as f:
                logs[run_name(depth, seed)] = json.load(f)
    result = {"config": LADDER, "criterion": {"solved_accuracy": SOLVED, "bootstrap": BOOTSTRAP, "interval": 0.95,
                                               "effective_change": EFFECTIVE, "max_probe_examples": MAX_EXAMPLES},
              "data": {"val_documents": meta["val"]["documents"], "val_tokens": meta["val"]["tokens"], "val_seed": meta["val"]["seed"],
                       "train_tokens": meta["train"]["tokens"]},
              "bag_of_tokens_controls": controls["controls"],
              "span_buckets": SPAN_BUCKETS, "span_labels": meta["labels"]["spans"] + ["NONE"], "cut_ks": CUT_KS,
              "runs": []}
    missing = [run_name(d, s) for d, s in runs() if run_name(d, s) not in logs or not os.path.exists(os.path.join(per_run, f"{run_name(d, s)}.json"))]
    if missing:
        print(f"missing runs (not trained or not measured): {', '.join(missing)}")
        if "--allow-missing" not in sys.argv:
            sys.exit(1)
    result["missing_runs"] = missing
    for depth, seed in runs():
        name = run_name(depth, seed)
        if name in missing:
            continue
        with open(os.path.join(per_run, f"{name}.json")) as f:
            m = json.load(f)
        lg = logs[name]
        result["runs"].append({"run": name, "depth": depth, "seed": seed, "params": lg["params"], "val_loss": lg["val_loss"],
                               "train_seconds": lg["train_seconds"], **m})
    with open(OUT, "w") as f:
        json.dump(result, f, indent=1)
        f.write("\n")
    print(f"wrote {os.path.relpath(OUT, ROOT)} in {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
