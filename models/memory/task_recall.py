"""Recall accuracy against distance for the models trained on recall-bearing text (models/memory/task_train.py).

Reads  models/build/memory/tasks.json (the held-out test set: seeds 0 … 31, models/memory/tasks.ts),
       models/build/memory/task-{transformer,lstm}-s<seed>.pt and their training logs
Writes public/models/memory-task-recall.json (read by widgets/models/memory/task-recall.ts): per training seed and
       model, recall.py's statistics at every task and distance (accuracy and paired accuracy with 95 % Wilson
       intervals over documents, chance), the training cost and tokens/s.

The statistics are recall.py's own (score_groups). Each document is read behind <|endoftext|>, as the training
documents were. The transformer sees the last 1,024 tokens before the candidate (its context, learned positions
0 … 1,023): at distance 1,536 the fact lies outside its window, so it must fall to chance there, a prediction
this file records per row (`in_context`). The LSTM reads the whole document from a zero state.

Scoring reuses the transformer's shared prefix: one pass over the window, then each candidate's continuation
attends to the prefix's keys and values (the same numbers as recall.py's one window per candidate, checked on
the first documents, at a twelfth of the cost for the 12-candidate task).

Run: OPENBLAS_NUM_THREADS=1 /usr/bin/python3 models/memory/task_recall.py [--seeds 1,2] [--limit N] [--only lstm]
"""

import argparse
import json
import math
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import recall  # noqa: E402  (the statistics, the model loaders and the reference scorers)

ROOT = recall.ROOT
BUILD = os.path.join(ROOT, "models", "build", "memory")


def attend(attn, x, past=None):
    """One attention layer of models/transformer/model.py on x [B, T, C], after `past` = (k, v) of a shared
    prefix [1, H, S, hd] every row may see. -> (output, (k, v) of x)."""
    B, T, C = x.shape
    q, k, v = attn.qkv(x).split(C, dim=2)
    q, k, v = (t.view(B, T, attn.n_head, attn.head_dim).transpose(1, 2) for t in (q, k, v))
    mask = torch.ones(T, T).triu(1).bool()
    keys, values = k, v
    if past is not None:
        S = past[0].size(2)
        keys = torch.cat([past[0].expand(B, -1, -1, -1), k], dim=2)
        values = torch.cat([past[1].expand(B, -1, -1, -1), v], dim=2)
        mask = torch.cat([torch.zeros(T, S, dtype=torch.bool), mask], dim=1)
    scores = (q @ keys.transpose(-2, -1)) / math.sqrt(attn.head_dim)
    y = F.softmax(scores.masked_fill(mask, float("-inf")), dim=-1) @ values
    return attn.proj(y.transpose(1, 2).contiguous().view(B, T, C)), (k, v)


@torch.no_grad()
def transformer_scores_shared(model, prefix, candidates):
    """recall.transformer_scores, computing the window's shared prefix once."""
    C, k, P = model.config.block_size, len(candidates[0]), len(prefix)
    start = max(0, P + k - 1 - C)
    shared = torch.tensor([prefix[start:]])
    S = shared.size(1)
    x = model.wte(shared) + model.wpe(torch.arange(S))
    tail = torch.tensor([c[:-1] for c in candidates])  # [n, k-1]
    y = model.wte(tail) + model.wpe(torch.arange(S, S + k - 1)) if k > 1 else None
    for block in model.blocks:
        a, past = attend(block.attn, block.ln1(x))
        x = x + a
        x = x + block.mlp(block.ln2(x))
        if y is not None:
            a, _ = attend(block.attn, block.ln1(y), past)
            y = y + a
            y = y + block.mlp(block.ln2(y))
    first = F.log_softmax(model.lens(x[0, -1]), dim=-1)
    scores = [first[c[0]].item() for c in candidates]
    if y is not None:
        logp = F.log_softmax(model.lens(y), dim=-1)
        for r, cand in enumerate(candidates):
            scores[r] += sum(logp[r, j - 1, cand[j]].item() for j in range(1, k))
    return scores


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--tasks", default=os.path.join(BUILD, "tasks.json"))
    p.add_argument("--seeds", default="1", help="training seeds whose checkpoints to score (missing ones are skipped)")
    p.add_argument("--out", default=os.path.join(ROOT, "public", "models", "memory-task-recall.json"))
    p.add_argument("--limit", type=int, default=None, help="documents per task and distance (default all)")
    p.add_argument("--only", choices=["transformer", "lstm"], default=None, help="score one model into its cache, write nothing else")
    args = p.parse_args()
    torch.set_num_threads(1)
    with open(args.tasks) as f:
        tasks = json.load(f)
    with open(os.path.join(ROOT, "public", "models", "tokenizer.json")) as f:
        eot = json.load(f)["eot_id"]
    with open(os.path.join(BUILD, "train-docs.json")) as f:
        train_docs = json.load(f)
    groups = recall.group_examples(tasks, args.limit)

    runs = []
    for seed in [int(s) for s in args.seeds.split(",")]:
        paths = {a: os.path.join(BUILD, f"task-{a}-s{seed}") for a in ("transformer", "lstm")}
        if args.only:
            paths = {args.only: paths[args.only]}
        if not all(os.path.exists(p + ".pt") for p in paths.values()):
            print(f"seed {seed}: no checkpoints, skipped")
            continue
        run = {"seed": seed, "models": {}}
        for arch, path in paths.items():
            with open(path + "-log.json") as f:
                log = json.load(f)
            if arch == "transformer":
                model, _ = recall.gpt.load_checkpoint(path + ".pt")
                score, context = transformer_scores_shared, model.config.block_size
                # the shared-prefix scorer against recall.py's one-window-per-candidate, on long and short documents
                for ex in groups[("recall", 1536)][:2] + groups[("import", 8)][:2]:
                    pre = [eot] + ex["example"]["ids"][: ex["example"]["target"][0]]
                    a, b = score(model, pre, ex["candidates"]), recall.transformer_scores(model, pre, ex["candidates"])
                    assert max(abs(u - v) for u, v in zip(a, b)) < 1e-3, (a, b)
            else:
                model, _ = recall.lstm.load_checkpoint(path + ".pt")
                score, context = recall.lstm_scores, None
            # scored rows are cached beside the checkpoint (keyed by its mtime and the task set), so that one model
            # can be scored as soon as it is trained (--only) and the full run reuses it
            key = {"checkpoint_mtime": os.path.getmtime(path + ".pt"), "seeds": tasks["seeds"], "limit": args.limit}
            cache = path + "-rows.json"
            cached = json.load(open(cache)) if os.path.exists(cache) else {}
            if cached.get("key") == key:
                rows, seconds = cached["rows"], cached["seconds"]
            else:
                t0 = time.time()
                rows = recall.score_groups(f"{arch}-s{seed}", model, score, groups, lead=[eot])
                seconds = round(time.time() - t0, 1)
                with open(cache, "w") as f:
                    json.dump({"key": key, "rows": rows, "seconds": seconds}, f)
            for r in rows:
                r["in_context"] = context is None or r["distance"] <= context
            run["models"][arch] = {
                "source": os.path.relpath(path + ".pt", ROOT), "params": model.num_params(), "context": context,
                "train": {k: log[k] for k in ("steps", "tokens", "seconds", "cpu_seconds", "cpu_seconds_source", "stages", "nice") if k in log},
                "final_loss": log["curve"][-1]["loss"], "final_target_loss": log["curve"][-1]["target_loss"],
                "score_seconds": seconds, "rows": rows,
            }
        runs.append(run)
    if args.only:
        print(f"--only {args.only}: scored into the cache, {args.out} not written")
        return

    recall.write(args.out, {
        "what": "recall accuracy against distance, models trained on recall-bearing text (models/memory/task_recall.py)",
        **recall.STATISTICS,
        "seeds": tasks["seeds"],
        "train_seed_base": train_docs["seed_base"],
        "train_docs": train_docs["stages"],
        "config": log["config"],
        "runs": runs,
        "torch": torch.__version__,
    })

if __name__ == "__main__":
    main()
