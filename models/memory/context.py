"""How much of its context each model uses (Khandelwal et al. 2018, "Sharp nearby, fuzzy far away"), on Brown.

Reads  models/build/data/{train,val}.bin + meta.json, both models (as models/memory/recall.py loads them)
Writes --out (default public/models/memory-context.json; read by widgets/models/memory/context.ts)

The same targets for both models: in each validation document, `--targets` tokens (evenly spaced, from a seeded
offset) that have at least `--min-position` (1,024) tokens of their document before them, so every distance
below applies to every target. Each target's loss (−ln p, nats) is measured under

  full      the model's whole context: the `context` tokens before the target (transformer 128; the LSTM reads
            1,024 from a zero state: its measured window), and for the LSTM the whole document before it
  drop d    only the last d tokens (Khandelwal's truncation); d = 0 is the document-start token alone: the
            model with no context
  shuffle d the last d tokens in order, everything from the window's start to d tokens back shuffled (the same
            tokens, no order): what word order beyond d is worth
  replace d the last d tokens in order, the rest of the window replaced by a span of another validation
            document (the same length, so a transformer's positions do not move): whether the far tokens
            help by their content or merely by being text

and the unigram model (training counts, add-one) on the same targets: the loss with no context at all, the
scale that "how much does context help" is read against.

Every number is a mean over documents of the per-document mean over its targets, with a 95 % bootstrap interval
over documents (resampling documents, pairs kept: each increase is condition − full within a document).

What the hypotheses predict (README.md): a model that uses its whole window shows drop increases above zero up
to d = its context; an n-gram-like model's increases fall inside the noise beyond a few tokens (the KN 5-gram
is within 0.02 bits per character of the transformer); a model that keeps topic but not order beyond d shows
shuffle ≈ 0 while drop and replace are > 0 at the same d.

Run: OPENBLAS_NUM_THREADS=1 /usr/bin/python3 models/memory/context.py
"""

import argparse
import json
import math
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
from recall import load_transformer, lstm, write  # noqa: E402  (recall.py loads both model modules under their own names)

TRANSFORMER_DISTANCES = [0, 1, 2, 4, 8, 16, 32, 64, 96]
LSTM_DROP = [0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512]
LSTM_ORDER = [0, 4, 16, 64, 128, 256, 512]
LSTM_WINDOW = 1024


def add_model_arguments(p):
    """What this script and forgetting.py read: the token streams and both checkpoints, where the factory writes them."""
    p.add_argument("--data-dir", default=os.path.join(ROOT, "models", "build", "data"))
    p.add_argument("--transformer", default=os.path.join(ROOT, "models", "build", "transformer.pt"))
    p.add_argument("--lstm", default=os.path.join(ROOT, "models", "build", "lstm.pt"))


def read_data(data_dir):
    """The corpus as the factory tokenised it: meta.json and the validation and training token streams."""
    with open(os.path.join(data_dir, "meta.json")) as f:
        meta = json.load(f)
    val = np.fromfile(os.path.join(data_dir, "val.bin"), dtype="<u2")
    train = np.fromfile(os.path.join(data_dir, "train.bin"), dtype="<u2")
    return meta, val, train


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_model_arguments(p)
    p.add_argument("--out", default=os.path.join(ROOT, "public", "models", "memory-context.json"))
    p.add_argument("--targets", type=int, default=8, help="targets per document")
    p.add_argument("--min-position", type=int, default=LSTM_WINDOW, help="document tokens before every target")
    p.add_argument("--documents", type=int, default=None, help="the first N documents only (a quick look)")
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--bootstrap", type=int, default=10000)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--models", default="transformer,lstm")
    p.add_argument("--keep", default=None, help="a file this script wrote with the same targets: its entries for the "
                   "models not run now are kept (scoring one model at a time on a busy machine)")
    return p.parse_args()


def documents(stream, eot):
    """[(start, end)] of each document's tokens, the <|endoftext|> before it excluded."""
    cuts = np.flatnonzero(stream == eot).tolist() + [len(stream)]
    return [(a + 1, b) for a, b in zip(cuts[:-1], cuts[1:]) if b > a + 1]


def pick_targets(docs, per_doc, min_pos, rng):
    """Per document, `per_doc` evenly spaced positions with ≥ min_pos document tokens before them."""
    out = []
    for d, (a, b) in enumerate(docs):
        first = a + min_pos
        span = b - first
        if span < per_doc:
            continue
        step = span / per_doc
        offset = rng.uniform(0, step)
        out.extend((d, first + int(offset + k * step)) for k in range(per_doc))
    return out


def windows(stream, targets, docs, condition, d, width, eot, rng):
    """The input rows (each of equal length) whose next token is the target, for one condition."""
    rows = []
    for doc, t in targets:
        near = stream[t - d:t] if d > 0 else np.empty(0, dtype=stream.dtype)
        if condition == "drop":
            rows.append(near if d > 0 else np.array([eot], dtype=stream.dtype))
            continue
        far_len = width - d
        if condition == "shuffle":
            far = rng.permutation(stream[t - width:t - d])
        else:  # replace: a span of another document, the same length
            other = doc
            while other == doc:
                other = int(rng.integers(len(docs)))
            a, b = docs[other]
            s = int(rng.integers(a, b - far_len + 1))
            far = stream[s:s + far_len]
        rows.append(np.concatenate([far, near]))
    return rows


@torch.no_grad()
def transformer_losses(model, rows, targets_ids, batch):
    out = []
    for i in range(0, len(rows), batch):
        x = torch.from_numpy(np.stack(rows[i:i + batch]).astype(np.int64))
        logp = F.log_softmax(model(x, last_only=True), dim=-1)
        y = torch.from_numpy(targets_ids[i:i + batch])
        out.append(-logp.gather(1, y[:, None])[:, 0])
    return torch.cat(out).double().numpy()


@torch.no_grad()
def lstm_losses(model, rows, targets_ids, batch):
    out = []
    for i in range(0, len(rows), batch):
        x = torch.from_numpy(np.stack(rows[i:i + batch]).astype(np.int64))
        y_all, _ = model.lstm(model.wte(x))  # only the last position needs the head
        logp = F.log_softmax(model.head(y_all[:, -1]), dim=-1)
        y = torch.from_numpy(targets_ids[i:i + batch])
        out.append(-logp.gather(1, y[:, None])[:, 0])
    return torch.cat(out).double().numpy()


@torch.no_grad()
def lstm_document_losses(model, stream, targets, docs):
    """Each target's loss with its whole document before it (the document read once, from a zero state)."""
    by_doc = {}
    for doc, t in targets:
        by_doc.setdefault(doc, []).append(t)
    out = {}
    for doc, ts in by_doc.items():
        a, _ = docs[doc]
        end = max(ts)
        x = torch.from_numpy(stream[a - 1:end].astype(np.int64))[None]  # from the <|endoftext|> on
        y_all, _ = model.lstm(model.wte(x))
        logp = F.log_softmax(model.head(y_all[0]), dim=-1)
        for t in ts:
            out[(doc, t)] = -logp[t - 1 - (a - 1), stream[t]].item()
    return np.array([out[k] for k in targets])


class Summary:
    """Per-document means and a seeded bootstrap over documents (the same resamples for every quantity)."""

    def __init__(self, doc_of_target, n_boot, seed):
        self.docs = sorted(set(doc_of_target))
        index = {d: i for i, d in enumerate(self.docs)}
        self.member = np.array([index[d] for d in doc_of_target])
        n = len(self.docs)
        self.counts = np.bincount(self.member, minlength=n)
        self.resamples = np.random.default_rng(seed).integers(0, n, size=(n_boot, n))

    def per_doc(self, values):
        return np.bincount(self.member, weights=values, minlength=len(self.docs)) / self.counts

    def stat(self, values):
        per = self.per_doc(values)
        boots = per[self.resamples].mean(axis=1)
        lo, hi = np.percentile(boots, [2.5, 97.5])
        return {"mean": round(float(per.mean()), 5), "ci": [round(float(lo), 5), round(float(hi), 5)]}


def curve(summary, losses, full, distances):
    return [{"d": d, "loss": summary.stat(losses[d])["mean"], "increase": summary.stat(losses[d] - full)}
            for d in distances]


def main():
    args = parse_args()
    torch.set_num_threads(1)
    t_start = time.time()
    meta, val, train = read_data(args.data_dir)
    eot = meta["eot_id"]
    docs = documents(val, eot)
    rng = np.random.default_rng(args.seed)
    targets = pick_targets(docs[: args.documents] if args.documents else docs, args.targets, args.min_position, rng)
    target_ids = np.array([val[t] for _, t in targets], dtype=np.int64)
    summary = Summary([d for d, _ in targets], args.bootstrap, args.seed)

    counts = np.bincount(train, minlength=meta["vocab_size"]).astype(np.float64) + 1.0
    unigram = -np.log(counts / counts.sum())[target_ids]
    result = {
        "what": "loss increase when the context beyond distance d is removed, shuffled or replaced "
                "(Khandelwal et al. 2018), Brown validation, models/memory/context.py",
        "unit": "nats per token (−ln p of the target)",
        "interval": f"95 % bootstrap over documents ({args.bootstrap} resamples, seed {args.seed}); each document "
                    "weighs the mean over its targets; increases are paired within documents",
        "documents": len(summary.docs),
        "targets_per_document": args.targets,
        "targets": len(targets),
        "min_position": args.min_position,
        "seed": args.seed,
        "unigram": summary.stat(unigram),
        "models": {},
    }
    wanted = args.models.split(",")
    specs = []
    if "transformer" in wanted:
        model, source = load_transformer(args.transformer)
        C = model.config.block_size
        specs.append(("transformer", model, transformer_losses, C, TRANSFORMER_DISTANCES, TRANSFORMER_DISTANCES,
                      {"source": source, "params": model.num_params()}))
    if "lstm" in wanted:
        model, _ = lstm.load_checkpoint(args.lstm)
        step = torch.load(args.lstm, map_location="cpu").get("step")
        specs.append(("lstm", model, lstm_losses, LSTM_WINDOW, LSTM_DROP, LSTM_ORDER,
                      {"source": os.path.relpath(args.lstm, ROOT), "step": step, "params": model.num_params()}))

    for name, model, score, width, drop_ds, order_ds, info in specs:
        t0 = time.time()
        full = score(model, [val[t - width:t] for _, t in targets], target_ids, args.batch)
        losses = {}
        for condition, ds in (("drop", drop_ds), ("shuffle", order_ds), ("replace", order_ds)):
            losses[condition] = {}
            for d in ds:
                # one seeded stream per (model, condition, d): the rows do not depend on the order steps run in
                crng = np.random.default_rng([args.seed, width, ["drop", "shuffle", "replace"].index(condition), d])
                rows = windows(val, targets, docs, condition, d, width, eot, crng)
                losses[condition][d] = score(model, rows, target_ids, args.batch)
                print(f"{name:11s} {condition:7s} d={d:4d}  loss {losses[condition][d].mean():.4f}  "
                      f"(full {full.mean():.4f})  {time.time() - t0:.0f}s", flush=True)
        entry = {
            **info,
            "context": width,
            "full": summary.stat(full),
            "drop": curve(summary, losses["drop"], full, drop_ds),
            "shuffle": curve(summary, losses["shuffle"], full, order_ds),
            "replace": curve(summary, losses["replace"], full, order_ds),
            # how much of the whole benefit of context (unigram − full) remains lost at each drop
            "context_benefit": summary.stat(unigram - full),
        }
        if name == "lstm":
            whole = lstm_document_losses(model, val, targets, docs)
            entry["whole_document"] = {"loss": summary.stat(whole), "gain_over_window": summary.stat(full - whole)}
        # every target's full-context loss, in target order: a later run (--keep) can pair the two models
        entry["full_per_target"] = [round(float(x), 5) for x in full]
        entry["seconds"] = round(time.time() - t0, 1)
        result["models"][name] = entry
        print(f"{name}: full {entry['full']['mean']:.4f} nats; unigram {result['unigram']['mean']:.4f}; "
              f"{entry['seconds']} s", flush=True)

    if args.keep:
        with open(args.keep) as f:
            kept = json.load(f)
        for k in ("documents", "targets_per_document", "targets", "min_position", "seed", "unigram"):
            assert kept[k] == result[k], f"--keep {args.keep}: {k} differs ({kept[k]} ≠ {result[k]}): other targets"
        for name, entry in kept["models"].items():
            result["models"].setdefault(name, entry)
        result["models"] = {k: result["models"][k] for k in ("transformer", "lstm") if k in result["models"]}
    both = [result["models"].get(k, {}).get("full_per_target") for k in ("lstm", "transformer")]
    if all(both):
        # the models on the same targets, paired within documents: which predicts them better, resolved or not
        result["comparison"] = {"lstm_minus_transformer_full": summary.stat(np.array(both[0]) - np.array(both[1]))}
        print(f"LSTM − transformer, full context: {result['comparison']['lstm_minus_transformer_full']}", flush=True)
    result["torch"] = torch.__version__
    result["seconds"] = round(time.time() - t_start, 1)
    write(args.out, result, end="\n")


if __name__ == "__main__":
    main()
