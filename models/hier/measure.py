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

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "models", "transformer"))
sys.path.insert(0, HERE)
from model import load_checkpoint  # noqa: E402
from config import LADDER, run_name, runs  # noqa: E402

DATA = os.path.join(ROOT, "models", "build", "hier")
OUT = os.path.join(ROOT, "public", "models", "hier-ladder-measurements.json")
SOLVED = 0.9
BOOTSTRAP = 500
MAX_EXAMPLES = 6000  # per probe
SPAN_BUCKETS = [[1, 1], [2, 3], [4, 7], [8, 15], [16, 10_000]]
CUT_KS = [1, 2, 4, 8, 16, 32, 64, 128]
EFFECTIVE = 0.1  # effective context: the smallest k whose cut changes the vector by less than this fraction
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


def bootstrap(per_doc_hits, per_doc_counts, rng):
    """95 % interval of Σ hits / Σ counts over documents resampled with replacement."""
    n = len(per_doc_counts)
    if n == 0 or per_doc_counts.sum() == 0:
        return [None, None]
    idx = rng.integers(0, n, size=(BOOTSTRAP, n))
    vals = per_doc_hits[idx].sum(1) / np.maximum(per_doc_counts[idx].sum(1), 1)
    return [round(float(np.percentile(vals, 2.5)), 4), round(float(np.percentile(vals, 97.5)), 4)]


def per_doc(docs, values, n_docs):
    return np.bincount(docs, weights=values, minlength=n_docs), np.bincount(docs, minlength=n_docs).astype(np.float64)


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


def train_probe(X, y, classes, wd=1e-3, iters=60):
    W = torch.zeros(classes, X.shape[1], requires_grad=True)
    b = torch.zeros(classes, requires_grad=True)
    opt = torch.optim.LBFGS([W, b], lr=1, max_iter=iters, history_size=20, line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = F.cross_entropy(X @ W.t() + b, y) + 0.5 * wd * (W * W).sum()
        loss.backward()
        return loss

    opt.step(closure)
    return W.detach(), b.detach()


def probe_curve(feats, y, doc, classes, rng):
    """feats: list of [N, D] (one per layer). Train on even documents, score on odd; -> accuracies, intervals.
    At most MAX_EXAMPLES examples (a seeded subset), so that every probe costs about the same."""
    if len(y) > MAX_EXAMPLES:
        keep = np.sort(np.random.default_rng([3, len(y)]).choice(len(y), size=MAX_EXAMPLES, replace=False))
        feats, y, doc = [X[torch.from_numpy(keep)] for X in feats], y[keep], doc[keep]
    train = doc % 2 == 0
    test = ~train
    n_docs = int(doc.max()) + 1
    y_t = torch.from_numpy(np.asarray(y, dtype=np.int64))
    accs, cis = [], []
    for X in feats:
        mu, sd = X[train].mean(0), X[train].std(0) + 1e-6
        Z = (X - mu) / sd
        W, b = train_probe(Z[train], y_t[train], classes)
        hit = ((Z[test] @ W.t() + b).argmax(-1) == y_t[test]).double().numpy()
        h, c = per_doc(doc[test], hit, n_docs)
        accs.append(round(float(hit.mean()), 4))
        cis.append(bootstrap(h, c, rng))
    return accs, cis


def label_sets(meta, ids, lab, col, wstart):
    """The four scale labels: (positions, label, classes)."""
    P = {n: i for i, n in enumerate(meta["labels"]["pos"])}
    pos_, piece = lab[:, col["pos"]], lab[:, col["piece"]]
    out = {}
    t = np.flatnonzero((pos_ == P["NOUN"]) & (piece == 1))
    out["noun_class"] = (t, lab[t, col["nounClass"]], 3, "piece: a noun's class, at its second piece")
    t = np.flatnonzero((pos_ == P["VERB"]) & (piece == 2) & (np.r_[lab[1:, col["head"]], -1] >= 0))
    out["subject_number"] = (t, lab[t, col["subjectNumber"]], 2, "phrase: the subject's number, at the verb's third piece")
    ante = lab[:, col["antecedent"]]
    t = np.flatnonzero((pos_ == P["PRON"]) & (ante >= wstart))
    out["topic_number"] = (t, lab[t, col["subjectNumber"]], 2, "paragraph: the topic's number, at a pronoun")
    ev = lab[:, col["evidence"]]
    t = np.flatnonzero((pos_ == P["PART"]) & (ev >= 0) & (ev >= wstart))
    out["document_property"] = (t, lab[t, col["property"]], 2, "document: the hidden property, at a particle after the first")
    return out


def bag_of_embeddings(model, ids, wstart, positions):
    """Mean of the token embeddings over each position's window up to it (no positions, no order)."""
    E = model.wte.weight.detach()
    cum = torch.cumsum(E[torch.from_numpy(ids)], 0)
    cum = torch.cat([torch.zeros(1, E.shape[1]), cum])
    t = torch.from_numpy(positions)
    s = torch.from_numpy(wstart[positions])
    return (cum[t + 1] - cum[s]) / (t + 1 - s).unsqueeze(1).float()


def span_sets(spans, lab, col, wstart, rng):
    """Constituent spans inside their window, and as many non-constituent spans (label NONE) of the same lengths,
    inside the same sentence."""
    sent = lab[:, col["sentence"]]
    doc = lab[:, col["document"]]
    keep = (spans[:, 0] >= wstart[spans[:, 1] - 1]) & (sent[spans[:, 0]] >= 0)
    S = spans[keep]
    real = {(int(a), int(b)) for a, b in S[:, :2]}
    neg = []
    for a, b, *_ in S:
        L = b - a
        for _ in range(4):
            s0 = int(a) + int(rng.integers(-3, 4))
            e0 = s0 + L
            if s0 < 0 or e0 > len(sent) or (s0, e0) in real or s0 < wstart[e0 - 1]:
                continue
            if sent[s0] != sent[e0 - 1] or sent[s0] < 0 or doc[s0] != doc[e0 - 1]:
                continue
            neg.append((s0, e0, -1))
            break
    starts = np.r_[S[:, 0], [n[0] for n in neg]].astype(np.int64)
    ends = np.r_[S[:, 1], [n[1] for n in neg]].astype(np.int64)
    labels = np.r_[S[:, 2], [6] * len(neg)].astype(np.int64)  # 6 = NONE (after the 6 SPAN_LABELS)
    return starts, ends, labels


def span_features(resid_l, starts, ends):
    cum = torch.cat([torch.zeros(1, resid_l.shape[1]), torch.cumsum(resid_l, 0)])
    s, e = torch.from_numpy(starts), torch.from_numpy(ends)
    mean = (cum[e] - cum[s]) / (e - s).unsqueeze(1).float()
    return torch.cat([resid_l[e - 1], mean], 1)


def head_number_spans(spans, lab, col, wstart):
    """Noun phrases inside their window, labelled with their head's number (the phrase's first noun). A subject
    phrase holds as many singular as plural nouns, so only its structure tells which one is the head."""
    noun = lab[:, col["pos"]] == 7  # POS index of NOUN (widgets/models/hier-language/language.ts)
    first_piece = lab[:, col["piece"]] == 0
    starts, ends, labels = [], [], []
    for a, b, label, _, _ in spans:
        if label != 1 or a < wstart[b - 1]:  # 1 = NP
            continue
        heads = np.flatnonzero(noun[a:b] & first_piece[a:b])
        if len(heads) == 0:
            continue  # a pronoun
        starts.append(a)
        ends.append(b)
        labels.append(lab[a + heads[0], col["nounNumber"]])
    return np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64), np.array(labels, dtype=np.int64)


def span_probe(resid, ids, doc, starts, ends, labels, classes, vocab, rng):
    """Per span-length bucket: probe accuracy per layer (null for an empty bucket), majority class, and a control
    task (a seeded random label per (first token, last token) pair) at the top layer."""
    lengths = ends - starts
    span = {"accuracy": [], "accuracy_ci": [], "examples": [], "majority": [], "control_task_top_layer": []}
    for lo, hi in SPAN_BUCKETS:
        m = (lengths >= lo) & (lengths <= hi)
        s, e, y = starts[m], ends[m], labels[m]
        if m.sum() < 50 or len(np.unique(y)) < 2:
            for k in span:
                span[k].append(None if k != "examples" else int(m.sum()))
            continue
        feats = [span_features(resid[l], s, e) for l in range(resid.shape[0])]
        accs, cis = probe_curve(feats, y, doc[s], classes, rng)
        ctl_map = np.random.default_rng([2, lo]).integers(0, classes, size=vocab ** 2)
        ctl, _ = probe_curve([feats[-1]], ctl_map[ids[s] * vocab + ids[e - 1]], doc[s], classes, rng)
        counts = np.bincount(y[doc[s] % 2 == 1], minlength=classes)
        span["accuracy"].append(accs)
        span["accuracy_ci"].append(cis)
        span["examples"].append(int(m.sum()))
        span["majority"].append(round(float(counts.max() / max(1, counts.sum())), 4))
        span["control_task_top_layer"].append(ctl[0])
    return span


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
        x = torch.from_numpy(ids[w:we])
        t = we - w - 1
        ref = resid_with_positions(model, x, 0)[:, t]  # [L+1, d]
        for j, k in enumerate(CUT_KS):
            cut = resid_with_positions(model, x[t + 1 - k:], t + 1 - k)[:, -1]
            change[:, j] += ((cut - ref).norm(dim=-1) / ref.norm(dim=-1)).numpy()
    change /= len(pick)
    eff = []
    for l in range(L + 1):
        below = [k for k, c in zip(CUT_KS, change[l]) if c < EFFECTIVE]
        eff.append(below[0] if below else None)
    return [[round(float(c), 4) for c in row] for row in change], eff


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
