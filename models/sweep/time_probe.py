"""Time probe for the transformer sweep: seconds per training step and per scored validation window, for each
size of models/sweep/transformer-plan.json, measured with exactly train.py's step (Muon + AdamW, clipping) on
one thread. The sweep driver (transformer.ts --probe) multiplies these by the plan's steps and windows to
estimate the whole sweep's time before committing to it.

  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 models/sweep/time_probe.py [--steps 12] [--sizes t12k,t55k]
Prints one JSON object: {"sizes": [{name, params, non_embedding_params, s_per_step, s_per_eval_window}], ...}.
"""

import argparse
import json
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "transformer"))
from model import GPT, GPTConfig  # noqa: E402
from muon import Muon  # noqa: E402


def non_embedding(params, cfg):
    return params - cfg.vocab_size * cfg.d_model - cfg.block_size * cfg.d_model


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--plan", default=os.path.join(HERE, "transformer-plan.json"))
    p.add_argument("--steps", type=int, default=12, help="timed steps per size (after 3 warm-up steps)")
    p.add_argument("--sizes", default=None, help="comma-separated size names (default: all)")
    args = p.parse_args()
    torch.set_num_threads(1)
    with open(args.plan) as f:
        plan = json.load(f)
    tr = plan["train"]
    B, T = tr["batch_size"], tr["block_size"]
    sizes = plan["sizes"] + ([plan["reference"]] if "reference" in plan else [])
    names = args.sizes.split(",") if args.sizes else [s["name"] for s in sizes]
    out = []
    torch.manual_seed(0)
    for s in sizes:
        if s["name"] not in names:
            continue
        cfg = GPTConfig(vocab_size=2048, block_size=T, n_layer=s["n_layer"], n_head=s["n_head"], d_model=s["d_model"])
        model = GPT(cfg)
        named = list(model.named_parameters())
        matrices = [q for n, q in named if n.startswith("blocks.") and q.dim() == 2]
        others = [q for n, q in named if not (n.startswith("blocks.") and q.dim() == 2)]
        opts = [Muon(matrices, lr=0.02, weight_decay=0.1), torch.optim.AdamW(others, lr=6e-3, betas=(0.9, 0.95))]
        x = torch.randint(0, 2048, (B, T))
        y = torch.randint(0, 2048, (B, T))

        def step():
            logits = model(x)
            loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)), y.reshape(-1))
            model.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            for o in opts:
                o.step()

        for _ in range(3):
            step()
        t0 = time.perf_counter()
        for _ in range(args.steps):
            step()
        s_step = (time.perf_counter() - t0) / args.steps
        model.eval()
        with torch.no_grad():
            xe = torch.randint(0, 2048, (32, T))
            model(xe)
            t0 = time.perf_counter()
            for _ in range(3):
                model(xe)
            s_window = (time.perf_counter() - t0) / 3 / 32
        params = model.num_params()
        out.append({"name": s["name"], **{k: s[k] for k in ("n_layer", "n_head", "d_model")}, "params": params,
                    "non_embedding_params": non_embedding(params, cfg), "s_per_step": s_step, "s_per_eval_window": s_window})
        print(f"{s['name']:6s} {params:9,d} params ({non_embedding(params, cfg):9,d} non-embedding)  "
              f"{s_step:.4f} s/step  {s_window * 1000:.2f} ms/eval window", file=sys.stderr, flush=True)
    print(json.dumps({"torch": torch.__version__, "batch_size": B, "block_size": T, "timed_steps": args.steps, "sizes": out}))


if __name__ == "__main__":
    main()
