"""Recall accuracy against distance, for the transformer and the LSTM, on the long-range task set.

Reads  models/build/memory/tasks.json (models/memory/tasks.ts), the two models:
         transformer: models/build/transformer.pt, or else the shipped weights, read back from the initializers
                      of public/models/transformer.onnx (exported without constant folding: every parameter is
                      there under its own name), with the shape from public/models/transformer.json
         LSTM:        models/build/lstm.pt (--lstm another checkpoint, e.g. a pilot's)
Writes --out (default public/models/memory-recall.json; read by widgets/models/memory/recall.ts): per model, task and distance, the accuracy over the
       documents with a 95 % Wilson interval, the paired accuracy (right on the example and on its twin, whose
       fact and answer differ: a model answering from its prior cannot be right on both), and chance.

A model's answer is the candidate with the highest log-probability at the target, summed over the candidate's
tokens (every pool has one token length, so no candidate is favoured by its length). The transformer sees at
most its context (128 tokens) before the candidate: the tokens just before it; the LSTM reads the whole
document from a zero state.

Run: OPENBLAS_NUM_THREADS=1 /usr/bin/python3 models/memory/recall.py
"""

import argparse
import base64
import importlib.util
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


def load_module(name, path):
    """The two model.py files share a name: load each under its own."""
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


gpt = load_module("gpt_model", os.path.join(ROOT, "models", "transformer", "model.py"))
lstm = load_module("lstm_model", os.path.join(ROOT, "models", "lstm", "model.py"))


def load_transformer(checkpoint):
    if os.path.exists(checkpoint):
        model, cfg = gpt.load_checkpoint(checkpoint)
        return model, f"checkpoint {os.path.relpath(checkpoint, ROOT)}"
    import onnx
    from onnx import numpy_helper
    with open(os.path.join(ROOT, "public", "models", "transformer.json")) as f:
        arch = json.load(f)["architecture"]
    cfg = gpt.GPTConfig(vocab_size=arch["vocab_size"], block_size=arch["context"], n_layer=arch["layers"],
                        n_head=arch["heads"], d_model=arch["d_model"], mlp_ratio=arch["d_mlp"] // arch["d_model"])
    model = gpt.GPT(cfg)
    graph = onnx.load(os.path.join(ROOT, "public", "models", "transformer.onnx")).graph
    weights = {i.name.removeprefix("model."): torch.from_numpy(numpy_helper.to_array(i).copy()) for i in graph.initializer}
    model.load_state_dict(weights)  # strict: every parameter present, nothing extra
    model.eval()
    # the weights read back are the shipped model's: its logits on the export's fixture text, to float rounding
    with open(os.path.join(ROOT, "models", "fixtures", "transformer-fixture.json")) as f:
        fx = json.load(f)
    case = fx["cases"][-1]
    want = np.frombuffer(base64.b64decode(case["outputs"]["logits"]["data"]), dtype="<f4")
    with torch.no_grad():
        got = model(torch.tensor([case["input_ids"]]))[0, -1].numpy()
    assert np.abs(got - want).max() < 1e-4, "the transformer read back from ONNX differs from the fixture"
    return model, "the shipped weights (public/models/transformer.onnx initializers, checked against its fixture)"


@torch.no_grad()
def transformer_scores(model, prefix, candidates):
    """Σ log p(candidate tokens | the last `context` tokens) for each candidate (all of one length k)."""
    C = model.config.block_size
    k = len(candidates[0])
    P = len(prefix)
    rows = []
    for cand in candidates:
        full = prefix + cand
        end = P + k - 1  # inputs up to (not including) the last candidate token
        start = max(0, end - C)
        rows.append(full[start:end])
    x = torch.tensor(rows)
    logp = F.log_softmax(model(x), dim=-1)  # [n, L, V]
    L = x.size(1)
    out = []
    for r, cand in enumerate(candidates):
        # candidate token j is predicted at window position L - k + j
        out.append(sum(logp[r, L - k + j, cand[j]].item() for j in range(k)))
    return out


@torch.no_grad()
def lstm_scores(model, prefix, candidates):
    """Σ log p(candidate tokens | the whole prefix), the prefix read once from a zero state."""
    logits, state = model(torch.tensor([prefix]))
    first = F.log_softmax(logits[0, -1], dim=-1)
    k = len(candidates[0])
    n = len(candidates)
    scores = [first[c[0]].item() for c in candidates]
    if k > 1:
        h, c = state
        state_n = (h.expand(-1, n, -1).contiguous(), c.expand(-1, n, -1).contiguous())
        x = torch.tensor([cand[:-1] for cand in candidates])
        more, _ = model(x, state_n)
        logp = F.log_softmax(more, dim=-1)
        for r, cand in enumerate(candidates):
            scores[r] += sum(logp[r, j - 1, cand[j]].item() for j in range(1, k))
    return scores


def wilson(successes, n, z=1.96):
    if n == 0:
        return [0.0, 1.0]
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return [max(0.0, centre - half), min(1.0, centre + half)]


def group_examples(tasks, limit=None):
    """{(task, distance): [example, …]}, at most `limit` documents per cell."""
    groups = {}
    for ex in tasks["examples"]:
        key = (ex["task"], ex["distance"])
        if limit is None or len(groups.setdefault(key, [])) < limit:
            groups.setdefault(key, []).append(ex)
    return groups


def score_groups(name, model, score, groups, lead=()):
    """Per task and distance: accuracy, paired accuracy (example and twin both right), Wilson intervals, chance.
    `lead`: tokens put before every document (a model trained on documents behind <|endoftext|> reads them so)."""
    rows = []
    for (task, distance), exs in sorted(groups.items()):
        right = paired = 0
        for ex in exs:
            cands = ex["candidates"]
            ok = []
            for side in ("example", "twin"):
                doc = ex[side]
                prefix = list(lead) + doc["ids"][: doc["target"][0]]
                s = score(model, prefix, cands)
                ok.append(int(np.argmax(s)) == doc["answer"])
            right += ok[0]
            paired += ok[0] and ok[1]
        n = len(exs)
        rows.append({"task": task, "distance": distance, "documents": n, "accuracy": right / n,
                     "interval": wilson(right, n), "paired_accuracy": paired / n, "paired_interval": wilson(paired, n),
                     "chance": 1 / len(exs[0]["candidates"])})
        print(f"{name:12s} {task:8s} d={distance:5d}  acc {right / n:.3f} [{rows[-1]['interval'][0]:.2f}, "
              f"{rows[-1]['interval'][1]:.2f}]  paired {paired / n:.3f}  chance {rows[-1]['chance']:.3f}", flush=True)
    return rows


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--tasks", default=os.path.join(ROOT, "models", "build", "memory", "tasks.json"))
    p.add_argument("--transformer", default=os.path.join(ROOT, "models", "build", "transformer.pt"))
    p.add_argument("--lstm", default=os.path.join(ROOT, "models", "build", "lstm.pt"))
    p.add_argument("--out", default=os.path.join(ROOT, "public", "models", "memory-recall.json"))
    p.add_argument("--keep", default=None, help="a file this script wrote from the same task set: its entries for the "
                   "models not scored now are kept (scoring one model at a time on a busy machine)")
    p.add_argument("--limit", type=int, default=None, help="documents per task and distance (default all)")
    p.add_argument("--models", default="transformer,lstm", help="which to score, comma-separated")
    args = p.parse_args()
    torch.set_num_threads(1)

    with open(args.tasks) as f:
        tasks = json.load(f)
    wanted = args.models.split(",")
    models = {}
    if "transformer" in wanted:
        transformer, transformer_source = load_transformer(args.transformer)
        models["transformer"] = (transformer, transformer_scores, {"source": transformer_source, "context": transformer.config.block_size,
                                                                   "params": transformer.num_params()})
    if "lstm" in wanted:
        lstm_model, _ = lstm.load_checkpoint(args.lstm)
        ckpt = torch.load(args.lstm, map_location="cpu")
        models["lstm"] = (lstm_model, lstm_scores, {"source": os.path.relpath(args.lstm, ROOT), "step": ckpt.get("step"),
                                                    "params": lstm_model.num_params()})
    groups = group_examples(tasks, args.limit)

    results = {}
    for name, (model, score, info) in models.items():
        t0 = time.time()
        rows = score_groups(name, model, score, groups)
        results[name] = {**info, "seconds": round(time.time() - t0, 1), "rows": rows}

    if args.keep:
        with open(args.keep) as f:
            kept = json.load(f)
        assert kept["seeds"] == tasks["seeds"], f"--keep {args.keep}: another task set"
        for name, entry in kept["models"].items():
            results.setdefault(name, entry)
        results = {k: results[k] for k in ("transformer", "lstm") if k in results}
    write(args.out, {"what": "recall accuracy against distance (models/memory/recall.py)", **STATISTICS,
                     "seeds": tasks["seeds"], "models": results, "torch": torch.__version__})


# what every recall file's numbers mean (this file's and task_recall.py's)
STATISTICS = {
    "answer_rule": "the candidate with the highest summed log-probability at the target",
    "interval": "95 % Wilson score interval over documents (one document per seed)",
    "paired": "right on the example and on its twin (same document, another answer in fact and target)",
}


def write(path, out, end=""):
    """Every memory script's JSON file (end="\n" for context, forgetting and attention, whose files end in one)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write(end)
    print(f"→ {os.path.relpath(path, ROOT)}")


if __name__ == "__main__":
    main()
