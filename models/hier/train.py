"""Train the depth ladder (config.py) on the generated language (models/data/hier-language.ts).

Reads  models/build/hier/{train,val}.bin, meta.json
Writes models/build/hier/ladder/<run>.pt and models/build/hier/ladder/train-log.json

Every rung uses the tiny GPT of models/transformer/model.py at the same width, Muon + AdamW (as the Brown model), the same data
order for a given seed, one thread:  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 models/hier/train.py
  --only L2-s1     train one run
  --steps N        override the config's steps (timing runs)
"""

import argparse
import json
import math
import os
import time

from ladder_env import DATA  # first: sets the BLAS threads and the import path
import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from model import GPT, GPTConfig, save_checkpoint  # noqa: E402
from config import LADDER, run_name, runs  # noqa: E402
from muon import Muon  # noqa: E402

OUT = os.path.join(DATA, "ladder")


def load(name):
    return torch.from_numpy(np.fromfile(os.path.join(DATA, f"{name}.bin"), dtype="<u2").astype(np.int64))


def batch(stream, starts, T):
    w = stream[starts.unsqueeze(1) + torch.arange(T + 1)]
    return w[:, :-1], w[:, 1:]


@torch.no_grad()
def val_loss(model, val, T, windows=64):
    starts = torch.arange(windows) * ((len(val) - T - 1) // windows)
    x, y = batch(val, starts, T)
    model.eval()
    loss = F.cross_entropy(model(x).reshape(-1, model.config.vocab_size), y.reshape(-1)).item()
    model.train()
    return loss


def train_one(depth, seed, train, val, vocab, steps):
    cfg = GPTConfig(vocab_size=vocab, block_size=LADDER["block_size"], n_layer=depth, n_head=LADDER["n_head"],
                    d_model=LADDER["d_model"], mlp_ratio=LADDER["mlp_ratio"])
    torch.manual_seed(seed)
    model = GPT(cfg)
    # As the Brown model (models/transformer/train.py): Muon for the blocks' matrices, AdamW for the rest
    named = list(model.named_parameters())
    matrices = [p for n, p in named if n.startswith("blocks.") and p.dim() == 2]
    rest = [p for n, p in named if not (n.startswith("blocks.") and p.dim() == 2)]
    opts = [Muon(matrices, lr=LADDER["muon_lr"], weight_decay=LADDER["weight_decay"]),
            torch.optim.AdamW(rest, lr=LADDER["lr"], betas=(0.9, 0.95), weight_decay=0.0)]
    peaks = [LADDER["muon_lr"], LADDER["lr"]]
    gen = torch.Generator().manual_seed(seed)  # the data order: the same for every depth at a seed
    T, B = cfg.block_size, LADDER["batch_size"]
    t0 = time.time()
    curve = []
    for step in range(steps):
        warm = LADDER["warmup"]
        scale = (step + 1) / warm if step < warm else 0.5 * (1 + math.cos(math.pi * (step - warm) / max(1, steps - warm)))
        for opt, peak in zip(opts, peaks):
            for g in opt.param_groups:
                g["lr"] = peak * max(scale, 0.05)
        x, y = batch(train, torch.randint(0, len(train) - T - 1, (B,), generator=gen), T)
        loss = F.cross_entropy(model(x).reshape(-1, vocab), y.reshape(-1))
        model.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), LADDER["grad_clip"])
        for opt in opts:
            opt.step()
        curve.append(loss.item())
        if step % 100 == 0 or step == steps - 1:
            print(f"  {run_name(depth, seed)} step {step:4d} loss {loss.item():.4f} {time.time() - t0:.0f}s", flush=True)
    seconds = time.time() - t0
    vl = val_loss(model, val, T)
    save_checkpoint(os.path.join(OUT, f"{run_name(depth, seed)}.pt"), model, seed=seed, steps=steps)
    return {"run": run_name(depth, seed), "depth": depth, "seed": seed, "params": model.num_params(), "steps": steps,
            "tokens_seen": steps * B * T, "train_seconds": round(seconds, 1), "seconds_per_step": round(seconds / steps, 4),
            "final_train_loss": round(sum(curve[-20:]) / len(curve[-20:]), 4), "val_loss": round(vl, 4),
            "curve": [round(c, 4) for c in curve[:: max(1, steps // 100)]]}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--only", default=None)
    p.add_argument("--steps", type=int, default=None)
    args = p.parse_args()
    torch.set_num_threads(1)
    with open(os.path.join(DATA, "meta.json")) as f:
        meta = json.load(f)
    train, val = load("train"), load("val")
    os.makedirs(OUT, exist_ok=True)
    t0 = time.time()
    for depth, seed in runs():
        if args.only and run_name(depth, seed) != args.only:
            continue
        r = train_one(depth, seed, train, val, meta["vocab_size"], args.steps or LADDER["steps"])
        print(f"{r['run']}: {r['params']:,} parameters, val loss {r['val_loss']:.4f}, {r['train_seconds']:.0f} s "
              f"({r['seconds_per_step']:.3f} s/step)", flush=True)
        # one log per run, so that runs can train in separate processes; train-log.json gathers them
        with open(os.path.join(OUT, f"{r['run']}.log.json"), "w") as f:
            json.dump(r, f)
    logs = []
    for depth, seed in runs():
        path = os.path.join(OUT, f"{run_name(depth, seed)}.log.json")
        if os.path.exists(path):
            with open(path) as f:
                logs.append(json.load(f))
    with open(os.path.join(OUT, "train-log.json"), "w") as f:
        json.dump({"config": LADDER, "torch": torch.__version__, "threads": 1, "runs": logs}, f, indent=1, default=str)
    print(f"ladder trained in {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
