"""A forgetting curve: how much a model's vector at token t still tells about the token at t − d (a linear probe).

Reads  models/build/data/{train,val}.bin + meta.json, both models (as models/memory/recall.py loads them)
Writes --out (default public/models/memory-forgetting.json; read by widgets/models/memory/forgetting.ts)

Vectors, per position t of the Brown validation stream:
  lstm          its whole memory after reading token t: h and c of every layer (2 × 2 × 96 = 384 numbers), each
                document read from a zero state from its <|endoftext|> on
  lstm-untrained the same architecture at its initialisation (the training's seed): the control, since a random
                recurrent network also keeps a fading trace of its inputs (an echo state)
  transformer   the residual stream at t after the embedding and after every block (5 × 64 = 320 numbers), in
                windows of 128 tokens every 64 tokens, t in each window's second half: it sees 64–127 tokens
                back, so d ≥ 128 is outside its window by construction

Label: the token at t − d, among the `--classes` most frequent training tokens (positions whose token at t − d is
rarer are left out at that d). Probe: ridge regression onto the one-hot label (closed form, standardised
vectors, the ridge chosen on held-out training documents), trained on the even validation documents and scored
on the odd ones; accuracy with a 95 % bootstrap interval over the test documents, against two floors: the
majority class, and the control (the same probe trained on labels shuffled among the training rows: what the
probe scores from no relation at all; a ridge classifier's floor can sit below the majority class).
d = 0 (the token itself) checks the probe.

Run: OPENBLAS_NUM_THREADS=1 /usr/bin/python3 models/memory/forgetting.py
"""

import argparse
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
from recall import load_transformer, lstm, write  # noqa: E402
from context import add_model_arguments, documents, read_data  # noqa: E402

DISTANCES = [0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512]
RIDGES = [1e-2, 1e-1, 1.0, 10.0, 100.0, 1000.0]


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_model_arguments(p)
    p.add_argument("--out", default=os.path.join(ROOT, "public", "models", "memory-forgetting.json"))
    p.add_argument("--classes", type=int, default=100)
    p.add_argument("--every", type=int, default=4, help="one position in every N")
    p.add_argument("--documents", type=int, default=None, help="the first N documents only (a quick look)")
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--bootstrap", type=int, default=10000)
    return p.parse_args()


@torch.no_grad()
def lstm_vectors(model, val, docs):
    """{position: [h_1, c_1, …] after reading that token}, every document from a zero state."""
    out = {}
    L = model.config.n_layer
    for a, b in docs:
        x = model.wte(torch.from_numpy(val[a - 1:b].astype(np.int64))[None])  # from the <|endoftext|>
        parts = []
        for layer in range(L):
            w_ih, w_hh, bias = model.weights(layer)
            xw = x[0] @ w_ih.t() + bias
            h_all, c_all = lstm.recur(xw, w_hh.t().contiguous(), torch.zeros(1, model.config.d_model),
                                      torch.zeros(1, model.config.d_model))
            parts += [h_all, c_all]
            x = h_all[None]
        vecs = torch.cat(parts, 1).numpy()  # row i: after token a - 1 + i
        for t in range(a, b):
            out[t] = vecs[t - (a - 1)]
    return out


@torch.no_grad()
def transformer_vectors(model, val, docs, window, wanted):
    """{position: residual stream at t (every layer)} for the wanted positions: windows of `window` tokens start
    every window/2 tokens from each document's <|endoftext|>, and t is read in the window whose second half it
    is in (it sees window/2 … window − 1 tokens back)."""
    out = {}
    half = window // 2
    for a, b in docs:
        ts = [t for t in wanted if a <= t < b]
        by_k = {}
        for t in ts:
            by_k.setdefault((t - (a - 1)) // half - 1, []).append(t)
        for k, group in sorted(by_k.items()):
            s = a - 1 + k * half
            x = torch.from_numpy(val[s:min(s + window, b)].astype(np.int64))[None]
            resid = model(x, return_internals=True)["resid"][:, 0]  # [L+1, T, d]
            for t in group:
                out[t] = resid[:, t - s].reshape(-1).numpy()
    return out


def ridge_probe(xtr, ytr, xte, k, rng):
    """Ridge regression onto one-hot labels; the ridge picked on a held-out quarter of the training rows."""
    mu, sd = xtr.mean(0), xtr.std(0) + 1e-6
    xtr = (xtr - mu) / sd
    xte = (xte - mu) / sd
    xtr = np.hstack([xtr, np.ones((len(xtr), 1))])
    xte = np.hstack([xte, np.ones((len(xte), 1))])
    perm = rng.permutation(len(xtr))
    hold, fit = perm[: len(perm) // 4], perm[len(perm) // 4:]

    def solve(x, y, lam):
        onehot = np.zeros((len(y), k))
        onehot[np.arange(len(y)), y] = 1.0
        g = x.T @ x + lam * np.eye(x.shape[1])
        return np.linalg.solve(g, x.T @ onehot)

    best = max(RIDGES, key=lambda lam: ((xtr[hold] @ solve(xtr[fit], ytr[fit], lam)).argmax(1) == ytr[hold]).mean())
    w = solve(xtr, ytr, best)
    return (xte @ w).argmax(1), best


def boot_accuracy(right, doc_of, n_boot, rng):
    docs = sorted(set(doc_of))
    index = {d: i for i, d in enumerate(docs)}
    member = np.array([index[d] for d in doc_of])
    hits = np.bincount(member, weights=right.astype(float), minlength=len(docs))
    counts = np.bincount(member, minlength=len(docs)).astype(float)
    samples = rng.integers(0, len(docs), size=(n_boot, len(docs)))
    boots = hits[samples].sum(1) / counts[samples].sum(1)
    lo, hi = np.percentile(boots, [2.5, 97.5])
    return round(float(right.mean()), 5), [round(float(lo), 5), round(float(hi), 5)]


def main():
    args = parse_args()
    torch.set_num_threads(1)
    t_start = time.time()
    meta, val, train = read_data(args.data_dir)
    docs = documents(val, meta["eot_id"])
    if args.documents:
        docs = docs[: args.documents]
    counts = np.bincount(train, minlength=meta["vocab_size"])
    counts[meta["eot_id"]] = 0
    top = np.argsort(-counts)[: args.classes]
    cls = np.full(meta["vocab_size"], -1)
    cls[top] = np.arange(args.classes)

    dmax = max(DISTANCES)
    positions, doc_of = [], []
    for i, (a, b) in enumerate(docs):
        for t in range(a + dmax, b, args.every):
            positions.append(t)
            doc_of.append(i)
    positions, doc_of = np.array(positions), np.array(doc_of)
    is_train = doc_of % 2 == 0

    vectors = {}
    m_lstm, _ = lstm.load_checkpoint(args.lstm)
    ckpt = torch.load(args.lstm, map_location="cpu")
    vectors["lstm"] = lstm_vectors(m_lstm, val, docs)
    torch.manual_seed(ckpt.get("seed", 1337))
    vectors["lstm-untrained"] = lstm_vectors(lstm.LSTMLM(m_lstm.config).eval(), val, docs)
    m_tf, tf_source = load_transformer(args.transformer)
    vectors["transformer"] = transformer_vectors(m_tf, val, docs, m_tf.config.block_size, set(positions.tolist()))
    print(f"vectors: {time.time() - t_start:.0f}s", flush=True)

    rng = np.random.default_rng(args.seed)
    result = {
        "what": "linear probe from a model's vector at token t to the token at t − d (models/memory/forgetting.py), "
                "Brown validation",
        "label": f"the token at t − d, among the {args.classes} most frequent training tokens",
        "probe": "ridge regression onto the one-hot label, standardised vectors, ridge from held-out training rows",
        "split": "probe trained on the even validation documents, scored on the odd ones",
        "interval": f"95 % bootstrap over test documents ({args.bootstrap} resamples)",
        "classes": args.classes,
        "every": args.every,
        "distances": DISTANCES,
        "models": {
            "lstm": {"vector": "h and c of every layer after token t", "source": os.path.relpath(args.lstm, ROOT),
                     "step": ckpt.get("step"), "width": len(vectors["lstm"][positions[0]]), "context": None, "rows": []},
            "lstm-untrained": {"vector": "the same, at initialisation (the training's seed)", "width": len(vectors["lstm"][positions[0]]),
                               "context": None, "rows": []},
            "transformer": {"vector": "residual stream at t after the embedding and every block", "source": tf_source,
                            "width": len(vectors["transformer"][positions[0]]), "context": m_tf.config.block_size, "rows": []},
        },
    }
    for d in DISTANCES:
        label = cls[val[positions - d]]
        keep = label >= 0
        tr, te = keep & is_train, keep & ~is_train
        majority = np.bincount(label[tr], minlength=args.classes).argmax()
        maj_acc, maj_ci = boot_accuracy(label[te] == majority, doc_of[te], args.bootstrap, rng)
        for name, vec in vectors.items():
            x = np.stack([vec[t] for t in positions[keep]])
            xtr, xte = x[tr[keep]], x[te[keep]]
            pred, lam = ridge_probe(xtr, label[tr], xte, args.classes, rng)
            acc, ci = boot_accuracy(pred == label[te], doc_of[te], args.bootstrap, rng)
            # the probe's own floor: the same probe trained on labels shuffled among the training rows
            pred_c, _ = ridge_probe(xtr, rng.permutation(label[tr]), xte, args.classes, rng)
            ctl, ctl_ci = boot_accuracy(pred_c == label[te], doc_of[te], args.bootstrap, rng)
            result["models"][name]["rows"].append({"d": d, "accuracy": acc, "ci": ci, "control": ctl, "control_ci": ctl_ci,
                                                   "majority": maj_acc,
                                                   "train": int(tr.sum()), "test": int(te.sum()), "ridge": lam})
            print(f"d={d:4d} {name:15s} acc {acc:.3f} [{ci[0]:.3f}, {ci[1]:.3f}]  control {ctl:.3f}  majority {maj_acc:.3f}  "
                  f"n {int(tr.sum())}/{int(te.sum())}  λ {lam:g}  {time.time() - t_start:.0f}s", flush=True)
    result["torch"] = torch.__version__
    result["seconds"] = round(time.time() - t_start, 1)
    write(args.out, result, end="\n")


if __name__ == "__main__":
    main()
