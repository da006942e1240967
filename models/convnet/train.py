"""Train the convnet (model.py) on the procedural drawings (widgets/convnet/CONTRACT.md).

Reads  models/build/drawings/{train,val}-{images,labels}.bin and meta.json
Writes models/build/convnet.pt            {"model": state_dict, "config": {...}} after the last epoch
       models/build/convnet-init.pt       the same, at initialisation (same seed): the measurements compare
                                          the effective receptive field before and after training
       models/build/convnet-epoch{E}.pt   the same after epoch E, for E in --checkpoints: the effective
                                          receptive field across training
       models/build/convnet-train-log.json config, params, per-epoch curves, val accuracy, confusion matrix
       (--name STEM replaces "convnet" in every name: the factory's second training writes convnet-seed2*)

Run with Debian's torch:  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 models/convnet/train.py
  --epochs N   (default 12, about 4 minutes on the project's 2-core machine; see README.md)
  --quick      a tiny run for smoke tests
  --init-seed S  the initial weights from seed S, the data order and shifts still from --seed
"""

import argparse
import json
import math
import os
import random
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from model import CHANNELS, CLASSES, JUMPS, RECEPTIVE_FIELDS, SIZE, ConvNet  # noqa: E402

ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data-dir", default=os.path.join(ROOT, "models", "build", "drawings"))
    p.add_argument("--out-dir", default=os.path.join(ROOT, "models", "build"))
    p.add_argument("--epochs", type=int, default=12)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--lr", type=float, default=3e-3, help="AdamW peak LR")
    p.add_argument("--weight-decay", type=float, default=0.05, help="on conv and linear weights, not biases")
    p.add_argument("--warmup", type=int, default=100, help="steps of linear LR warm-up, then cosine to 0")
    p.add_argument("--shift", type=int, default=2, help="random translation of each training image, ± pixels")
    p.add_argument("--seed", type=int, default=1337)
    p.add_argument("--init-seed", type=int, default=None,
                   help="seed of the initial weights only (default: --seed); the data order and shifts keep --seed, "
                        "so a second network trained with another --init-seed differs from the first in its start alone")
    p.add_argument("--name", default="convnet", help="file name stem of everything written to --out-dir")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--checkpoints", default="1,2,4,8", help="epochs after which to keep the weights")
    p.add_argument("--nn-images", type=int, default=1000, help="val images the nearest-neighbour baseline classifies")
    p.add_argument("--quick", action="store_true", help="2 epochs on 2,000 images")
    return p.parse_args()


def load(data_dir, split, meta):
    n = meta[split]["count"]
    images = np.fromfile(os.path.join(data_dir, f"{split}-images.bin"), dtype=np.uint8)
    labels = np.fromfile(os.path.join(data_dir, f"{split}-labels.bin"), dtype=np.uint8)
    assert images.size == n * SIZE * SIZE and labels.size == n, f"{split}: sizes disagree with meta.json"
    x = torch.from_numpy(images.reshape(n, 1, SIZE, SIZE).astype(np.float32) / 255.0)  # ink = 1, paper = 0
    return x, torch.from_numpy(labels.astype(np.int64))


def shift(x, max_shift, gen):
    """Translate each image by its own (dx, dy) in [-s, s]², filling with paper (0). Sketches in the widget are
    rarely centred the way the generator centres its drawings; this is the only augmentation."""
    if max_shift == 0:
        return x
    s = max_shift
    padded = F.pad(x, (s, s, s, s))
    d = torch.randint(0, 2 * s + 1, (x.size(0), 2), generator=gen)
    return torch.stack([padded[i, :, dy:dy + SIZE, dx:dx + SIZE] for i, (dx, dy) in enumerate(d.tolist())])


def lr_scale(step, warmup, total):
    if step < warmup:
        return (step + 1) / warmup
    t = min(1.0, (step - warmup) / max(1, total - warmup))
    return 0.5 * (1 + math.cos(math.pi * t))


@torch.no_grad()
def evaluate(model, x, y, batch=500):
    """-> (mean loss, accuracy, predictions)."""
    model.eval()
    loss, preds = 0.0, []
    for i in range(0, len(x), batch):
        logits, _ = model(x[i:i + batch])
        loss += F.cross_entropy(logits, y[i:i + batch], reduction="sum").item()
        preds.append(logits.argmax(1))
    model.train()
    preds = torch.cat(preds)
    return loss / len(x), (preds == y).float().mean().item(), preds


@torch.no_grad()
def shifted_accuracy(model, x, y, d=3):
    """Val accuracy with every image moved d px left, right, up and down (paper fill): how much an
    off-centre sketch costs, the reason for the shift augmentation."""
    accs = []
    for dx, dy in ((d, 0), (-d, 0), (0, d), (0, -d)):
        moved = F.pad(x, (d, d, d, d))[:, :, d - dy:d - dy + SIZE, d - dx:d - dx + SIZE]
        accs.append(evaluate(model, moved, y)[1])
    return sum(accs) / len(accs)


@torch.no_grad()
def nearest_neighbour_accuracy(xtr, ytr, xva, yva, n, batch=250):
    """Accuracy of 1-nearest-neighbour on raw pixels (Euclidean) over the first n val images: how much of the
    task needs no learned features at all."""
    train = xtr.flatten(1)
    sq = (train * train).sum(1)
    correct = 0
    for i in range(0, n, batch):
        q = xva[i:min(n, i + batch)].flatten(1)
        d = sq[None] - 2 * q @ train.T  # |q|^2 is the same for every candidate
        correct += (ytr[d.argmin(1)] == yva[i:min(n, i + batch)]).sum().item()
    return correct / n


def save(path, model, **extra):
    """Tensors and plain values only, so torch.load(weights_only=True) can read it."""
    torch.save({"model": model.state_dict(), "config": {"channels": list(CHANNELS), "classes": CLASSES}, **extra}, path)


def main():
    args = parse_args()
    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed if args.init_seed is None else args.init_seed)
    # Saved with every checkpoint only when it differs from the seed, so the default run's files stay as before.
    seeds = {"seed": args.seed, **({"init_seed": args.init_seed} if args.init_seed is not None else {})}
    out = lambda suffix: os.path.join(args.out_dir, f"{args.name}{suffix}")  # noqa: E731

    with open(os.path.join(args.data_dir, "meta.json")) as f:
        meta = json.load(f)
    assert meta["classes"] == CLASSES and meta["size"] == SIZE, "meta.json disagrees with model.py"
    xtr, ytr = load(args.data_dir, "train", meta)
    xva, yva = load(args.data_dir, "val", meta)
    # The hard task's classes on clean paper (models/data/drawings.ts): what the clutter and occluders cost.
    clean = load(args.data_dir, "val-clean", meta) if "val-clean" in meta else None
    if args.quick:
        args.epochs, args.warmup = 2, 10
        xtr, ytr, xva, yva = xtr[:2000], ytr[:2000], xva[:1000], yva[:1000]
    keep = {int(e) for e in args.checkpoints.split(",") if e}

    model = ConvNet()
    n_params = sum(p.numel() for p in model.parameters())
    os.makedirs(args.out_dir, exist_ok=True)
    save(out("-init.pt"), model, epoch=0, **seeds)
    print(f"ConvNet channels {CHANNELS}: {n_params:,} parameters; train {len(xtr):,}, val {len(xva):,} images; "
          f"{args.epochs} epochs of batch {args.batch_size}, {args.threads} thread(s)")

    decay = [p for p in model.parameters() if p.dim() > 1]
    no_decay = [p for p in model.parameters() if p.dim() <= 1]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": args.weight_decay},
                             {"params": no_decay, "weight_decay": 0.0}], lr=args.lr)
    B = args.batch_size
    steps_per_epoch = math.ceil(len(xtr) / B)
    total = args.epochs * steps_per_epoch
    gen = torch.Generator().manual_seed(args.seed)  # the data order and the shifts: the same every run

    epochs, step, t0, cpu0 = [], 0, time.time(), time.process_time()
    for epoch in range(1, args.epochs + 1):
        te = time.time()
        order = torch.randperm(len(xtr), generator=gen)
        running, seen = 0.0, 0
        for i in range(0, len(xtr), B):
            idx = order[i:i + B]
            x, y = shift(xtr[idx], args.shift, gen), ytr[idx]
            for g in opt.param_groups:
                g["lr"] = args.lr * lr_scale(step, args.warmup, total)
            logits, _ = model(x)
            loss = F.cross_entropy(logits, y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            running += loss.item() * len(idx)
            seen += len(idx)
            step += 1
        train_s = time.time() - te
        vl, va, _ = evaluate(model, xva, yva)
        epochs.append({"epoch": epoch, "train_loss": running / seen, "val_loss": vl, "val_accuracy": va,
                       "seconds": train_s})
        print(f"epoch {epoch:2d}  train loss {running / seen:.4f}  val loss {vl:.4f}  val acc {va:.4f}  "
              f"{train_s:.1f} s/epoch  {time.time() - t0:.0f} s", flush=True)
        if epoch in keep and epoch < args.epochs:
            save(out(f"-epoch{epoch}.pt"), model, epoch=epoch, **seeds)
    seconds = time.time() - t0
    # CPU time of this one-thread process: what the run costs on an idle core, whatever else the machine ran.
    cpu_seconds = time.process_time() - cpu0

    save(out(".pt"), model, epoch=args.epochs, **seeds,
         checkpoints=sorted(e for e in keep if e < args.epochs))
    vl, va, preds = evaluate(model, xva, yva)
    va_shifted = shifted_accuracy(model, xva, yva)
    va_clean = evaluate(model, *clean)[1] if clean is not None else None
    nn_n = min(args.nn_images, len(xva))
    nn = nearest_neighbour_accuracy(xtr, ytr, xva, yva, nn_n)
    K = len(CLASSES)
    confusion = torch.zeros(K, K, dtype=torch.long)
    confusion.index_put_((yva, preds), torch.ones_like(yva), accumulate=True)
    per_class = (confusion.diag().double() / confusion.sum(1).clamp(min=1).double()).tolist()
    log = {
        "config": {"channels": list(CHANNELS), "kernel": 3, "padding": 1, "pool": "2x2 max, stride 2, after blocks 1-3",
                   "head": "global average pooling, linear", "classes": CLASSES, "size": SIZE,
                   "receptive_fields": list(RECEPTIVE_FIELDS), "jumps": list(JUMPS)},
        "params": n_params,
        **seeds,
        "quick": args.quick,
        "data": {"dir": os.path.relpath(args.data_dir, ROOT), "train": len(xtr), "val": len(xva),
                 "train_seed": meta["train"].get("seed"), "val_seed": meta["val"].get("seed")},
        "hyperparameters": {k: getattr(args, k) for k in
                            ["epochs", "batch_size", "lr", "weight_decay", "warmup", "shift", "threads"]},
        "optimizer": f"AdamW (betas 0.9, 0.999), weight decay {args.weight_decay:g} on weights only; linear warm-up "
                     f"over {args.warmup} steps, then cosine decay to 0",
        "augmentation": f"random translation of each training image by up to ±{args.shift} px in x and y "
                        "(paper fill)" if args.shift else "none",
        "steps": total,
        "epochs": epochs,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "seconds_per_epoch": sum(e["seconds"] for e in epochs) / len(epochs),
        "val_loss": vl,
        "val_accuracy": va,
        "val_accuracy_shifted_3px": va_shifted,
        "val_clean": {"count": len(clean[1]), "seed": meta["val-clean"]["seed"], "accuracy": va_clean} if clean is not None else None,
        "nearest_neighbour": {"images": nn_n, "accuracy": nn, "what": "1-nearest neighbour on raw pixels (Euclidean) "
                              "against every training drawing, over the first val images"},
        "checkpoints": sorted(e for e in keep if e < args.epochs),
        "task": meta.get("task", "easy"),
        "per_class_accuracy": dict(zip(CLASSES, per_class)),
        "confusion": {"rows": "true class", "columns": "predicted class", "classes": CLASSES,
                      "matrix": confusion.tolist()},
        "torch": torch.__version__,
    }
    with open(out("-train-log.json"), "w") as f:
        json.dump(log, f, indent=1)
    print(f"val accuracy {va:.4f} (loss {vl:.4f}), {va_shifted:.4f} shifted 3 px, clean {va_clean}, nearest neighbour {nn:.4f}; {seconds:.0f} s; per class "
          + ", ".join(f"{c} {a:.3f}" for c, a in zip(CLASSES, per_class)))


if __name__ == "__main__":
    main()
