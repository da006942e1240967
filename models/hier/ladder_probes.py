"""The ladder's linear probes (measure.py, steps 2 and 3): the four scale labels per residual layer, with a
bag-of-embeddings probe and a control task, and Tenney et al.'s edge probing of the generator's spans by length.
Probes are trained on even documents and scored on odd ones."""
import numpy as np
import torch

from ladder_stats import bootstrap, per_doc
from measure_probes import fit_linear  # models/transformer, on the path (ladder_env.py)

MAX_EXAMPLES = 6000  # per probe
SPAN_BUCKETS = [[1, 1], [2, 3], [4, 7], [8, 15], [16, 10_000]]


def train_probe(X, y, classes, wd=1e-3, iters=60):
    W = torch.zeros(classes, X.shape[1], requires_grad=True)
    b = torch.zeros(classes, requires_grad=True)
    opt = torch.optim.LBFGS([W, b], lr=1, max_iter=iters, history_size=20, line_search_fn="strong_wolfe")

    fit_linear(opt, X, y, W, b, wd)
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
