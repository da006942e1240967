"""The transformer's attention to the antecedent: on the long-range task set, how much of its attention the
position that predicts the target puts on the fact's tokens, against distance (beside the LSTM's forgetting
curve, models/memory/forgetting.py).

Reads  models/build/memory/tasks.json (models/memory/tasks.ts), the shipped transformer (as recall.py loads it)
Writes --out (default public/models/memory-attention.json; read by widgets/models/memory/attention.ts)

For each task, distance d ≤ the context and document (the example, not its twin), the transformer reads the
`context` tokens before the target's first token; the query is the last of them (the position whose output
predicts the target). Per layer and head: the attention mass on the fact's tokens, and the mass a uniform
head would put there (fact tokens / window tokens: the control). Reported per task and distance: the mean
over documents of the mass of each layer's chosen head (the head with the most attention on the fact over every
task and distance, chosen once) and of the head mean, each with a 95 % bootstrap interval over documents. Beyond the context the fact is outside the window: the mass is 0 by
construction, so those distances are not listed.

Run: OPENBLAS_NUM_THREADS=1 /usr/bin/python3 models/memory/attention.py
"""

import argparse
import json
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
from recall import load_transformer, write  # noqa: E402


def boot(values, n_boot, rng):
    values = np.asarray(values, dtype=np.float64)
    idx = rng.integers(0, len(values), size=(n_boot, len(values)))
    lo, hi = np.percentile(values[idx].mean(1), [2.5, 97.5])
    return {"mean": round(float(values.mean()), 5), "ci": [round(float(lo), 5), round(float(hi), 5)]}


@torch.no_grad()
def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--tasks", default=os.path.join(ROOT, "models", "build", "memory", "tasks.json"))
    p.add_argument("--transformer", default=os.path.join(ROOT, "models", "build", "transformer.pt"))
    p.add_argument("--out", default=os.path.join(ROOT, "public", "models", "memory-attention.json"))
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--bootstrap", type=int, default=10000)
    args = p.parse_args()
    torch.set_num_threads(1)
    t0 = time.time()
    rng = np.random.default_rng(args.seed)
    model, source = load_transformer(args.transformer)
    C = model.config.block_size
    with open(args.tasks) as f:
        tasks = json.load(f)

    groups = {}
    for ex in tasks["examples"]:
        if ex["distance"] <= C:
            groups.setdefault((ex["task"], ex["distance"]), []).append(ex["example"])
    masses, uniforms = {}, {}
    for (task, d), docs in sorted(groups.items()):
        m, u = [], []
        for doc in docs:
            end = doc["target"][0]  # inputs up to the target's first token, which the last one predicts
            start = max(0, end - C)
            x = torch.tensor([doc["ids"][start:end]])
            attn = model(x, return_internals=True)["attn"][:, 0, :, -1, :]  # [layers, heads, T]: the last query
            a, b = doc["fact"][0] - start, doc["fact"][1] - start
            m.append(attn[:, :, a:b].sum(-1).numpy())  # [layers, heads]
            u.append((b - a) / (end - start))
        masses[(task, d)], uniforms[(task, d)] = np.stack(m), u
    # one head per layer, chosen once over every task and distance (a head chosen per document or per cell
    # would beat the uniform control by selection alone)
    pooled = np.concatenate(list(masses.values()))  # [all documents, layers, heads]
    chosen = pooled.mean(0).argmax(1).tolist()
    rows = []
    for (task, d), m in masses.items():
        rows.append({
            "task": task, "distance": d, "documents": len(m),
            "uniform": boot(uniforms[(task, d)], args.bootstrap, rng),
            "best_head": [boot(m[:, layer, h], args.bootstrap, rng) for layer, h in enumerate(chosen)],
            "head_mean": [boot(m[:, layer].mean(1), args.bootstrap, rng) for layer in range(m.shape[1])],
        })
        print(f"{task:8s} d={d:4d}  chosen head per layer {' '.join('%.3f' % r['mean'] for r in rows[-1]['best_head'])}  "
              f"uniform {rows[-1]['uniform']['mean']:.3f}", flush=True)
    out = {
        "what": "the transformer's attention from the position predicting the target to the fact's tokens, on the "
                "long-range task set (models/memory/attention.py)",
        "source": source,
        "context": C,
        "layers": model.config.n_layer,
        "heads": model.config.n_head,
        "chosen_heads": chosen,
        "note": "at d = context the fact's first token is the window's first token, where heads that park their "
                "attention on the first position (an attention sink) put much of it: that row measures the sink, "
                "not the antecedent",
        "interval": f"95 % bootstrap over documents ({args.bootstrap} resamples, seed {args.seed})",
        "rows": rows,
        "seconds": round(time.time() - t0, 1),
    }
    write(args.out, out, end="\n")


if __name__ == "__main__":
    main()
