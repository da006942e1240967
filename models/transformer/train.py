"""Train the tiny GPT (model.py) on the Brown Corpus token streams.

Reads  models/build/data/{train,val}.bin (little-endian uint16) and meta.json
Writes models/build/transformer.pt   (the checkpoint with the best periodic val loss)
       models/build/train-log.json   (config, seed, timings, loss curves, final val loss and bits/char)

Run with Debian's torch:  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 models/transformer/train.py
  --steps N      optimisation steps (default 5000, about 18 min on the project's 2-core machine)
  --seed S       seeds python, numpy and torch
  --quick        a tiny run for smoke tests (few steps, small eval)
  --threads K    torch intra-op threads per process (default 1; see README.md for why)
  --procs P      data-parallel processes (default 2, one per core; 1 for a single process)

Bits per character (models/README.md): Σ over every token of the val stream but the first of
−log₂ p(token | what precedes it), divided by (chars − 1). The model sees at most 128 tokens, so the
stream is scored with overlapping windows: windows of 128 tokens start every 64 tokens; the first window
scores all its predictions, each later one only the predictions of its second half (the targets the
previous window did not reach). Every token is scored exactly once, and every token after the first
128 is predicted from at least 64 tokens of context.
"""

import argparse
import json
import math
import os
import random
import socket
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
import torch
import torch.distributed as dist
import torch.multiprocessing as mp
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import GPT, GPTConfig, save_checkpoint  # noqa: E402
from muon import Muon  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data-dir", default=os.path.join(ROOT, "models", "build", "data"))
    p.add_argument("--out-dir", default=os.path.join(ROOT, "models", "build"))
    p.add_argument("--steps", type=int, default=None, help="optimisation steps (default 5000, --quick 30)")
    p.add_argument("--seed", type=int, default=1337)
    p.add_argument("--quick", action="store_true", help="tiny smoke-test run")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--procs", type=int, default=2)
    p.add_argument("--batch-size", type=int, default=16, help="windows per step in each process")
    p.add_argument("--lr", type=float, default=6e-3, help="AdamW peak LR (embeddings, gains, biases)")
    p.add_argument("--muon-lr", type=float, default=0.02, help="Muon peak LR (the blocks' matrices)")
    p.add_argument("--min-lr-ratio", type=float, default=0.0, help="final LR as a fraction of the peak")
    p.add_argument("--decay", choices=["cosine", "linear"], default="linear", help="shape of the LR decay after warm-up")
    p.add_argument("--warmup", type=int, default=100)
    p.add_argument("--weight-decay", type=float, default=0.1, help="AdamW's, on the tied embedding")
    p.add_argument("--muon-weight-decay", type=float, default=0.1)
    p.add_argument("--grad-clip", type=float, default=1.0)
    p.add_argument("--eval-every", type=int, default=250)
    p.add_argument("--eval-windows", type=int, default=256, help="fixed val windows for periodic eval")
    p.add_argument("--n-layer", type=int, default=4)
    p.add_argument("--n-head", type=int, default=4)
    p.add_argument("--d-model", type=int, default=64)
    p.add_argument("--block-size", type=int, default=128)
    p.add_argument("--dropout", type=float, default=0.0)
    return p.parse_args()


def seed_everything(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def load_stream(path):
    return torch.from_numpy(np.fromfile(path, dtype="<u2").astype(np.int64))


def lr_scale(step, args, total):
    """Fraction of the peak LR: linear warmup, then a cosine or linear decay to min_lr_ratio."""
    if step < args.warmup:
        return (step + 1) / args.warmup
    t = min(1.0, (step - args.warmup) / max(1, total - args.warmup))
    shape = 1 - t if args.decay == "linear" else 0.5 * (1 + math.cos(math.pi * t))
    return args.min_lr_ratio + shape * (1 - args.min_lr_ratio)


def get_batch(stream, starts, block):
    """Windows of block+1 tokens at the given starts -> (inputs, targets), each [B, block]."""
    offs = torch.arange(block + 1)
    w = stream[starts.unsqueeze(1) + offs]
    return w[:, :-1], w[:, 1:]


@torch.no_grad()
def eval_windows(model, stream, starts, block, batch=64):
    """Mean loss (nats/token) on fixed windows."""
    model.eval()
    total, n = 0.0, 0
    for i in range(0, len(starts), batch):
        x, y = get_batch(stream, starts[i:i + batch], block)
        logits = model(x)
        total += F.cross_entropy(logits.reshape(-1, logits.size(-1)), y.reshape(-1), reduction="sum").item()
        n += y.numel()
    model.train()
    return total / n


@torch.no_grad()
def score_stream(model, stream, block, batch=32):
    """Σ −ln p(token | preceding tokens) over every token of the stream but the first, and the count.

    Windows of `block` tokens start every block//2 tokens; each scores only the targets beyond the
    previous window (see the module docstring)."""
    model.eval()
    N = len(stream)
    stride = block // 2
    jobs = []  # (start, length, first input position whose prediction is scored)
    last = 0  # index of the last target scored so far
    s = 0
    while last < N - 1:
        L = min(block, N - 1 - s)
        skip = last - s  # targets s+1..last are done; target s+1+j comes from input position j
        jobs.append((s, L, skip))
        last = s + L
        s += stride
    total, count = 0.0, 0
    for i in range(0, len(jobs), batch):
        group = jobs[i:i + batch]
        L = max(j[1] for j in group)
        x = torch.zeros(len(group), L, dtype=torch.long)
        y = torch.zeros(len(group), L, dtype=torch.long)
        keep = torch.zeros(len(group), L, dtype=torch.bool)
        for r, (s, l, skip) in enumerate(group):
            x[r, :l] = stream[s:s + l]
            y[r, :l] = stream[s + 1:s + 1 + l]
            keep[r, skip:l] = True
        nll = F.cross_entropy(model(x).reshape(-1, model.config.vocab_size), y.reshape(-1), reduction="none")
        total += nll[keep.reshape(-1)].double().sum().item()
        count += int(keep.sum())
    assert count == N - 1, (count, N)
    model.train()
    return total, count


def average_gradients(model, procs):
    """All processes end the step with the mean gradient over every process's windows (one all-reduce)."""
    grads = [p.grad for p in model.parameters()]
    flat = torch.cat([g.reshape(-1) for g in grads])
    dist.all_reduce(flat)
    flat /= procs
    offset = 0
    for g in grads:
        g.copy_(flat[offset:offset + g.numel()].view_as(g))
        offset += g.numel()


def main():
    args = parse_args()
    if args.procs == 1:
        train_process(0, args)
        return
    # One process per core, each with one thread, averaging gradients (gloo all-reduce) every step: twice
    # the tokens per second of one process, where one process with two threads gains 5-10 % (README.md).
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        os.environ["MASTER_ADDR"], os.environ["MASTER_PORT"] = "127.0.0.1", str(sock.getsockname()[1])
    mp.spawn(train_process, args=(args,), nprocs=args.procs)


def train_process(rank, args):
    """One training process. Rank 0 also evaluates, saves checkpoints and writes the log."""
    torch.set_num_threads(args.threads)
    parallel = args.procs > 1
    main_process = rank == 0
    if parallel:
        dist.init_process_group("gloo", rank=rank, world_size=args.procs)
    log_print = print if main_process else (lambda *a, **k: None)
    if args.quick:
        args.steps = args.steps or 30
        args.eval_every = min(args.eval_every, 10)
        args.eval_windows = min(args.eval_windows, 16)
        args.warmup = min(args.warmup, 5)
    steps = args.steps if args.steps is not None else 5000
    seed_everything(args.seed)

    with open(os.path.join(args.data_dir, "meta.json")) as f:
        meta = json.load(f)
    train = load_stream(os.path.join(args.data_dir, "train.bin"))
    val = load_stream(os.path.join(args.data_dir, "val.bin"))
    assert len(train) == meta["train"]["tokens"] and len(val) == meta["val"]["tokens"], "meta.json token counts"
    if args.quick:
        val = val[:20_000]

    cfg = GPTConfig(vocab_size=meta["vocab_size"], block_size=args.block_size, n_layer=args.n_layer,
                    n_head=args.n_head, d_model=args.d_model, dropout=args.dropout)
    model = GPT(cfg)
    n_params = model.num_params()
    log_print(f"GPT {cfg}\n{n_params:,} parameters; train {len(train):,} tokens, val {len(val):,} tokens; "
              f"{args.procs} process(es) × {args.batch_size} windows per step")
    if parallel:
        for p in model.parameters():  # the same seed gives the same weights; make sure of it
            dist.broadcast(p.data, src=0)

    # Muon for the blocks' matrices; AdamW for the rest, with weight decay on the tied embedding only
    # (not on biases, LayerNorm gains or positions)
    named = list(model.named_parameters())
    matrices = [p for n, p in named if n.startswith("blocks.") and p.dim() == 2]
    embedding = [p for n, p in named if n == "wte.weight"]
    rest = [p for n, p in named if not (n.startswith("blocks.") and p.dim() == 2) and n != "wte.weight"]
    optimizers = [
        Muon(matrices, lr=args.muon_lr, weight_decay=args.muon_weight_decay),
        torch.optim.AdamW([{"params": embedding, "weight_decay": args.weight_decay},
                           {"params": rest, "weight_decay": 0.0}], lr=args.lr, betas=(0.9, 0.95)),
    ]
    for opt in optimizers:
        for g in opt.param_groups:
            g["peak_lr"] = g["lr"]

    B, T = args.batch_size, cfg.block_size
    gen = torch.Generator().manual_seed(args.seed + 1000 * rank)  # each process draws its own windows
    eval_gen = torch.Generator().manual_seed(args.seed + 1)
    eval_starts = torch.randint(0, len(val) - T - 1, (args.eval_windows,), generator=eval_gen)

    os.makedirs(args.out_dir, exist_ok=True)
    ckpt_path = os.path.join(args.out_dir, "transformer.pt")
    curve, evals, best, best_step = [], [], float("inf"), -1
    t0 = time.time()
    train_time = 0.0
    model.train()
    for step in range(steps + 1):
        if main_process and (step % args.eval_every == 0 or step == steps):
            vl = eval_windows(model, val, eval_starts, T)
            recent = [c["loss"] for c in curve[-args.eval_every:]] if curve else []
            tl = sum(recent) / len(recent) if recent else None
            saved = vl < best
            if saved:
                best, best_step = vl, step
                save_checkpoint(ckpt_path, model, step=step, val_loss=vl, seed=args.seed)
            evals.append({"step": step, "train_loss": tl, "val_loss": vl})
            sps = train_time / max(1, step)
            print(f"step {step:5d}  train {tl if tl is None else round(tl, 4)}  val {vl:.4f}{'  *saved' if saved else ''}"
                  f"  {sps:.3f} s/step  {time.time() - t0:.0f}s", flush=True)
        if step == steps:
            break
        ts = time.time()
        scale = lr_scale(step, args, steps)
        for opt in optimizers:
            for g in opt.param_groups:
                g["lr"] = g["peak_lr"] * scale
        starts = torch.randint(0, len(train) - T - 1, (B,), generator=gen)
        x, y = get_batch(train, starts, T)
        logits = model(x)
        loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)), y.reshape(-1))
        model.zero_grad(set_to_none=True)
        loss.backward()
        if parallel:
            average_gradients(model, args.procs)
        torch.nn.utils.clip_grad_norm_(model.parameters(), args.grad_clip)
        for opt in optimizers:
            opt.step()
        loss = loss.detach()
        if parallel:
            dist.all_reduce(loss)  # the mean over every process's windows, for the log
            loss /= args.procs
        train_time += time.time() - ts
        curve.append({"step": step, "loss": loss.item(), "lr_scale": scale})
    train_wall = time.time() - t0
    if parallel:
        dist.destroy_process_group()
    if not main_process:
        return

    # final: the best checkpoint on the whole val stream
    best_model = GPT(cfg)
    best_model.load_state_dict(torch.load(ckpt_path, map_location="cpu")["model"])
    te = time.time()
    nats, count = score_stream(best_model, val, T)
    eval_s = time.time() - te
    val_chars = meta["val"]["chars"] if not args.quick else None
    bits = nats / math.log(2)
    log = {
        "config": {**cfg.__dict__, "head_dim": cfg.head_dim},
        "params": n_params,
        "seed": args.seed,
        "data": {"dir": os.path.relpath(args.data_dir, ROOT), "train_tokens": len(train), "val_tokens": len(val),
                 "val_chars": val_chars},
        "quick": args.quick,
        "hyperparameters": {k: getattr(args, k) for k in
                            ["procs", "batch_size", "lr", "muon_lr", "muon_weight_decay", "min_lr_ratio", "decay", "warmup", "weight_decay", "grad_clip",
                             "eval_every", "eval_windows", "threads"]},
        "optimizer": "Muon (momentum 0.95, Nesterov) for the blocks' matrices, AdamW betas (0.9, 0.95) for the "
                     f"embeddings, gains and biases; linear warmup, then {args.decay} LR decay to "
                     f"{args.min_lr_ratio:g} of the peak; grad-norm clipping",
        "steps": steps,
        "tokens_seen": steps * B * T * args.procs,
        "epochs": steps * B * T * args.procs / len(train),
        "seconds_per_step": train_time / max(1, steps),
        "train_seconds": train_wall,
        "eval_seconds": eval_s,
        "wall_seconds": time.time() - t0,
        "best_step": best_step,
        "best_periodic_val_loss": best,
        "evals": evals,
        "train_curve": [{"step": c["step"], "loss": round(c["loss"], 5), "lr_scale": round(c["lr_scale"], 5)}
                        for c in curve[::max(1, len(curve) // 500)]],
        "val_tokens_scored": count,
        "val_loss_nats_per_token": nats / count,
        "val_bits_per_token": bits / count,
        "val_chars": val_chars,
        "val_bits_per_char": bits / (val_chars - 1) if val_chars else None,
        "val_scoring": "windows of 128 tokens every 64 tokens; the first window scores all its predictions, "
                       "each later window only its second half, so each token after the first is scored once "
                       "and, beyond the first window, with at least 64 tokens of context",
        "torch": torch.__version__,
    }
    with open(os.path.join(args.out_dir, "train-log.json"), "w") as f:
        json.dump(log, f, indent=1)
    print(f"best step {best_step}; val {nats / count:.4f} nats/token, {bits / count:.4f} bits/token"
          + (f", {log['val_bits_per_char']:.4f} bits/char" if val_chars else "")
          + f"; {train_time / max(1, steps):.3f} s/step, {train_wall:.0f} s training, {eval_s:.0f} s eval")


if __name__ == "__main__":
    main()
