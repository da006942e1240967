"""Train the LSTM language model (model.py) on the Brown Corpus token streams, the transformer's data.

Reads  models/build/data/{train,val}.bin (little-endian uint16) and meta.json
Writes models/build/lstm.pt          (the checkpoint with the best periodic val loss)
       models/build/lstm-train-log.json (config, seed, timings, loss curves, final val loss and bits/char)

Run with Debian's torch:  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 models/lstm/train.py
  --steps N      optimisation steps (default 4000; README.md: the time budget)
  --seed S       seeds python, numpy and torch
  --quick        a tiny run for smoke tests (few steps, small eval)
  --procs P      data-parallel processes (default 2, one per core; 1 for a single process)

Truncated backpropagation through time with carried state (the classic recipe for recurrent language models):
the training stream is cut into `batch_size` contiguous lanes per process; each step reads the next `bptt`
tokens of every lane and starts from the state the previous step ended in (detached), so the model reads
the corpus as one long text, never from a blank memory except at the very start of a lane.

Bits per character (models/README.md): the whole val stream read once, in order, from a zero state, every
token but the first scored from everything before it: the LSTM's context is the whole stream.
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
from model import LSTMConfig, LSTMLM, save_checkpoint  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data-dir", default=os.path.join(ROOT, "models", "build", "data"))
    p.add_argument("--out-dir", default=os.path.join(ROOT, "models", "build"))
    p.add_argument("--steps", type=int, default=None, help="optimisation steps (default 4000, --quick 30)")
    p.add_argument("--seed", type=int, default=1337)
    p.add_argument("--quick", action="store_true", help="tiny smoke-test run")
    p.add_argument("--procs", type=int, default=2)
    p.add_argument("--batch-size", type=int, default=16, help="lanes per process")
    p.add_argument("--bptt", type=int, default=128, help="tokens per lane per step")
    p.add_argument("--lr", type=float, default=1e-2, help="AdamW peak LR (3e-3 stalled at the unigram loss in a pilot: README.md)")
    p.add_argument("--min-lr-ratio", type=float, default=0.0)
    p.add_argument("--warmup", type=int, default=100)
    p.add_argument("--weight-decay", type=float, default=0.01)
    p.add_argument("--grad-clip", type=float, default=1.0)
    p.add_argument("--eval-every", type=int, default=250)
    p.add_argument("--eval-tokens", type=int, default=32768, help="val tokens for periodic eval (16 lanes)")
    p.add_argument("--n-layer", type=int, default=2)
    p.add_argument("--d-model", type=int, default=96)
    p.add_argument("--dropout", type=float, default=0.0)
    return p.parse_args()


def load_stream(path):
    return torch.from_numpy(np.fromfile(path, dtype="<u2").astype(np.int64))


def lr_scale(step, args, total):
    """Fraction of the peak LR: linear warmup, then linear decay to min_lr_ratio."""
    if step < args.warmup:
        return (step + 1) / args.warmup
    t = min(1.0, (step - args.warmup) / max(1, total - args.warmup))
    return args.min_lr_ratio + (1 - t) * (1 - args.min_lr_ratio)


@torch.no_grad()
def score_lanes(model, stream, lanes, chunk=256):
    """Mean loss (nats/token): `stream` cut into `lanes` contiguous lanes read in parallel from zero state."""
    model.eval()
    n = (len(stream) - 1) // lanes
    x_all = stream[: n * lanes].view(lanes, n)
    y_all = stream[1: n * lanes + 1].view(lanes, n)
    state, total = None, 0.0
    for s in range(0, n, chunk):
        logits, state = model(x_all[:, s:s + chunk], state)
        total += F.cross_entropy(logits.reshape(-1, logits.size(-1)), y_all[:, s:s + chunk].reshape(-1), reduction="sum").item()
    model.train()
    return total / (n * lanes)


@torch.no_grad()
def score_stream(model, stream, chunk=1024):
    """Σ −ln p(token | every token before it) over the stream but its first token, and the count."""
    model.eval()
    state, total = None, 0.0
    for s in range(0, len(stream) - 1, chunk):
        x = stream[s:s + chunk].unsqueeze(0)
        y = stream[s + 1:s + 1 + chunk].unsqueeze(0)
        x = x[:, : y.size(1)]
        logits, state = model(x, state)
        total += F.cross_entropy(logits[0], y[0], reduction="sum").double().item()
    model.train()
    return total, len(stream) - 1


def average_gradients(model, procs):
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
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        os.environ["MASTER_ADDR"], os.environ["MASTER_PORT"] = "127.0.0.1", str(sock.getsockname()[1])
    mp.spawn(train_process, args=(args,), nprocs=args.procs)


def train_process(rank, args):
    """One training process. Rank 0 also evaluates, saves checkpoints and writes the log."""
    torch.set_num_threads(1)
    parallel = args.procs > 1
    main_process = rank == 0
    if parallel:
        dist.init_process_group("gloo", rank=rank, world_size=args.procs)
    log_print = print if main_process else (lambda *a, **k: None)
    if args.quick:
        args.steps = args.steps or 30
        args.eval_every = min(args.eval_every, 10)
        args.eval_tokens = min(args.eval_tokens, 4096)
        args.warmup = min(args.warmup, 5)
    steps = args.steps if args.steps is not None else 4000
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)

    with open(os.path.join(args.data_dir, "meta.json")) as f:
        meta = json.load(f)
    train = load_stream(os.path.join(args.data_dir, "train.bin"))
    val = load_stream(os.path.join(args.data_dir, "val.bin"))
    assert len(train) == meta["train"]["tokens"] and len(val) == meta["val"]["tokens"], "meta.json token counts"
    if args.quick:
        val = val[:20_000]

    cfg = LSTMConfig(vocab_size=meta["vocab_size"], n_layer=args.n_layer, d_model=args.d_model, dropout=args.dropout)
    model = LSTMLM(cfg)
    n_params = model.num_params()
    log_print(f"LSTM {cfg}\n{n_params:,} parameters; train {len(train):,} tokens, val {len(val):,} tokens; "
              f"{args.procs} process(es) × {args.batch_size} lanes × {args.bptt} tokens per step")
    if parallel:
        for p in model.parameters():
            dist.broadcast(p.data, src=0)

    # weight decay on matrices and the tied embedding, not on biases or LayerNorm gains
    decay = [p for p in model.parameters() if p.dim() == 2]
    rest = [p for p in model.parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": args.weight_decay}, {"params": rest, "weight_decay": 0.0}],
                            lr=args.lr, betas=(0.9, 0.99))

    # lanes: all processes' lanes are evenly spaced over the stream; rank r owns every procs-th lane
    B, T = args.batch_size, args.bptt
    lanes_total = B * args.procs
    lane_len = (len(train) - 1) // lanes_total
    starts = torch.arange(rank, lanes_total, args.procs) * lane_len
    offs = torch.arange(T)
    eval_val = val[: args.eval_tokens + 1]

    os.makedirs(args.out_dir, exist_ok=True)
    ckpt_path = os.path.join(args.out_dir, "lstm.pt")
    curve, evals, best, best_step = [], [], float("inf"), -1
    t0 = time.time()
    train_time, train_cpu = 0.0, 0.0
    state = None
    pos = 0  # position within every lane
    model.train()
    for step in range(steps + 1):
        if main_process and (step % args.eval_every == 0 or step == steps):
            vl = score_lanes(model, eval_val, 16)
            recent = [c["loss"] for c in curve[-args.eval_every:]] if curve else []
            tl = sum(recent) / len(recent) if recent else None
            saved = vl < best
            if saved:
                best, best_step = vl, step
                save_checkpoint(ckpt_path, model, step=step, val_loss=vl, seed=args.seed)
            evals.append({"step": step, "train_loss": tl, "val_loss": vl})
            sps = train_time / max(1, step)
            print(f"step {step:5d}  train {tl if tl is None else round(tl, 4)}  val {vl:.4f}{'  *saved' if saved else ''}"
                  f"  {sps:.3f} s/step ({train_cpu / max(1, step):.3f} CPU s)  {time.time() - t0:.0f}s", flush=True)
        if step == steps:
            break
        ts, cs = time.time(), time.process_time()
        scale = lr_scale(step, args, steps)
        for g in opt.param_groups:
            g["lr"] = args.lr * scale
        if pos + T + 1 > lane_len:  # a lane's end: start the lanes over, from a blank memory
            pos, state = 0, None
        idx = starts.unsqueeze(1) + pos + offs
        x, y = train[idx], train[idx + 1]
        pos += T
        logits, state = model(x, state)
        state = tuple(s.detach() for s in state)
        loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)), y.reshape(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        if parallel:
            average_gradients(model, args.procs)
        torch.nn.utils.clip_grad_norm_(model.parameters(), args.grad_clip)
        opt.step()
        loss = loss.detach()
        if parallel:
            dist.all_reduce(loss)
            loss /= args.procs
        train_time += time.time() - ts
        train_cpu += time.process_time() - cs
        curve.append({"step": step, "loss": loss.item(), "lr_scale": scale})
    train_wall = time.time() - t0
    if parallel:
        dist.destroy_process_group()
    if not main_process:
        return

    best_model = LSTMLM(cfg)
    best_model.load_state_dict(torch.load(ckpt_path, map_location="cpu")["model"])
    te, tc = time.time(), time.process_time()
    nats, count = score_stream(best_model, val)
    eval_s, eval_cpu = time.time() - te, time.process_time() - tc
    val_chars = meta["val"]["chars"] if not args.quick else None
    bits = nats / math.log(2)
    tokens_per_step = B * T * args.procs
    log = {
        "config": cfg.__dict__,
        "params": n_params,
        "seed": args.seed,
        "data": {"dir": os.path.relpath(args.data_dir, ROOT), "train_tokens": len(train), "val_tokens": len(val),
                 "val_chars": val_chars},
        "quick": args.quick,
        "hyperparameters": {k: getattr(args, k) for k in
                            ["procs", "batch_size", "bptt", "lr", "min_lr_ratio", "warmup", "weight_decay",
                             "grad_clip", "eval_every", "eval_tokens"]},
        "optimizer": "AdamW betas (0.9, 0.99), weight decay on matrices and the tied embedding; linear warmup, then "
                     f"linear LR decay to {args.min_lr_ratio:g} of the peak; grad-norm clipping; truncated BPTT "
                     "with the state carried between steps",
        "steps": steps,
        "tokens_seen": steps * tokens_per_step,
        "epochs": steps * tokens_per_step / len(train),
        "seconds_per_step": train_time / max(1, steps),
        "cpu_seconds_per_step": train_cpu / max(1, steps),
        "tokens_per_second": steps * tokens_per_step / max(1e-9, train_time),
        "train_seconds": train_wall,
        "eval_seconds": eval_s,
        "eval_cpu_seconds": eval_cpu,
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
        "val_scoring": "the whole val stream read once, in order, from a zero state; every token but the first "
                       "scored from everything before it",
        "torch": torch.__version__,
    }
    with open(os.path.join(args.out_dir, "lstm-train-log.json"), "w") as f:
        json.dump(log, f, indent=1)
    print(f"best step {best_step}; val {nats / count:.4f} nats/token, {bits / count:.4f} bits/token"
          + (f", {log['val_bits_per_char']:.4f} bits/char" if val_chars else "")
          + f"; {train_time / max(1, steps):.3f} s/step ({train_cpu / max(1, steps):.3f} CPU s/step), "
            f"{train_wall:.0f} s training, {eval_s:.0f} s eval")


if __name__ == "__main__":
    main()
