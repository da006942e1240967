#!/usr/bin/env python3
"""Measurements of the trained convnet of "Edges, corners, cars" (the `measure` step of the factory).

Reads models/build/convnet.pt (trained), models/build/convnet-init.pt (the same seed at initialisation), the
epoch checkpoints, models/build/convnet-seed2*.pt (the same training from a second initialisation) and the
val split of models/build/drawings/ (widgets/convnet/CONTRACT.md); writes public/models/convnet-measurements.json:
layer-1 kernels, each channel's top val patches, selectivity against the per-pixel labels, and theoretical and
effective receptive fields at initialisation and after training; for the second network, the same summaries. What every number means:
models/convnet/MEASUREMENTS.md. Seeded and deterministic on the CPU with a fixed thread count.

Run:  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 models/convnet/measure.py
"""
import argparse
import hashlib
import json
import math
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy/torch load OpenBLAS (models/README.md)

import numpy as np  # noqa: E402
import torch  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import model as M  # noqa: E402
from measure_erf import PlainStack, centre_unit, convnet_layers, erf_maps, erf_per_image, gaussian_fit, support_box, theoretical  # noqa: E402
from measure_patches import top_patches  # noqa: E402
from measure_selectivity import FAMILIES, Selectivity, image_class_nmi, ink_pixels, quantile_edges  # noqa: E402


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--checkpoint", default=os.path.join(ROOT, "models/build/convnet.pt"))
    p.add_argument("--init", default=os.path.join(ROOT, "models/build/convnet-init.pt"))
    p.add_argument("--second", default=os.path.join(ROOT, "models/build/convnet-seed2.pt"),
                   help="the same network trained from another initialisation (train.py --init-seed, --name "
                        "convnet-seed2); its -init.pt and -train-log.json lie beside it")
    p.add_argument("--data", default=os.path.join(ROOT, "models/build/drawings"))
    p.add_argument("--out", default=os.path.join(ROOT, "public/models/convnet-measurements.json"))
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--batch", type=int, default=250)
    p.add_argument("--edge-images", type=int, default=1000, help="val images whose activations set the MI bins")
    p.add_argument("--erf-images", type=int, default=256)
    p.add_argument("--plain-inits", type=int, default=8, help="random inits of the pooling-free stack averaged")
    p.add_argument("--inits", type=int, default=4,
                   help="untrained networks every rise is read against: the training's own initialisation and "
                        "inits - 1 others")
    p.add_argument("--bootstrap", type=int, default=200, help="resamples of the ERF images for sigma's interval")
    return p.parse_args(argv)


def sig(x, digits=4):
    """Every float in a nested structure rounded to `digits` significant digits (NaN/inf -> None)."""
    if isinstance(x, dict):
        return {k: sig(v, digits) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [sig(v, digits) for v in x]
    if isinstance(x, (float, np.floating)):
        return float(f"{float(x):.{digits}g}") if math.isfinite(x) else None
    if isinstance(x, np.integer):
        return int(x)
    return x


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def load_net(path):
    ckpt = torch.load(path, map_location="cpu", weights_only=False)
    net = M.ConvNet()
    net.load_state_dict(ckpt["model"])
    return net.eval(), {k: v for k, v in ckpt.items() if k != "model"}  # config, and seed/epoch where saved


def load_val(folder, meta):
    n, s = meta["val"]["count"], meta["size"]
    def read(name, shape):
        return torch.from_numpy(np.fromfile(os.path.join(folder, f"val-{name}.bin"), dtype=np.uint8).reshape(shape))
    return {"images": read("images", (n, s, s)), "labels": read("labels", (n,)).long(),
            **{k: read(k, (n, s, s)).long() for k in ("parts", "orientation", "shape")}}


def erf_block(maps):
    """Each block's map as its nonzero box (values row-major) and the Gaussian fit."""
    out = []
    for m in maps:
        x0, y0, w, h = support_box(m)
        out.append({"box": [x0, y0, w, h], "values": m[y0:y0 + h, x0:x0 + w].reshape(-1).tolist(), **gaussian_fit(m)})
    return out


def erf_all(nets, inputs):
    res = {}
    for name, x in inputs.items():
        maps = sum(erf_maps(n, x) for n in nets) / len(nets)
        res[name] = erf_block(maps)
        s = [b["sigma"] for b in res[name]]
        res[name + "_sigma_ratio"] = [v / s[0] for v in s]
    return res


def units(net, x_all, val, meta, args):
    """Selectivity of every channel, and each channel's top unit (value, flat position) in every val image."""
    N = len(x_all)
    # Pass 1: MI bin edges from the first val images' ink-pixel activations.
    with torch.no_grad():
        _, blocks = net(x_all[:args.edge_images])
    v = {k: val[k][:args.edge_images] for k in ("parts", "orientation", "shape")}
    mask = (v["parts"] > 0) & (v["orientation"] > 0) & (v["shape"] > 0)
    edges = [quantile_edges(ink_pixels(b, j, mask).numpy()) for b, j in zip(blocks, M.JUMPS)]

    # Pass 2: selectivity sums, and each channel's top unit per image.
    sel = Selectivity(M.JUMPS, M.CHANNELS, len(meta["parts"]), len(M.CLASSES), edges)
    maxes = [np.zeros((N, c), np.float32) for c in M.CHANNELS]
    where = [np.zeros((N, c), np.int64) for c in M.CHANNELS]
    with torch.no_grad():
        for i in range(0, N, args.batch):
            sl = slice(i, i + args.batch)
            _, blocks = net(x_all[sl])
            sel.update(blocks, val["labels"][sl], val["parts"][sl], val["orientation"][sl], val["shape"][sl])
            for l, b in enumerate(blocks):
                m, w = b.flatten(2).max(2)
                maxes[l][sl], where[l][sl] = m.numpy(), w.numpy()
    selectivity = sel.result()
    labels = val["labels"].numpy()
    for l, block in enumerate(selectivity):
        nmi = image_class_nmi(maxes[l], labels, len(M.CLASSES))
        block["nmi"]["class_image"] = nmi.tolist()
        block["summary"]["mean_nmi"]["class_image"] = float(nmi.mean())
        block["summary"]["max_nmi"]["class_image"] = float(nmi.max())
    return selectivity, maxes, where


def pure_top_channels(maxes, labels, top=8):
    """Per block, the channels whose `top` strongest val images (by their top unit) are all of one class."""
    out = []
    for m in maxes:
        idx = np.argsort(-m, axis=0, kind="stable")[:top]  # [top, C]
        cls = labels[idx]
        out.append(int(((cls == cls[:1]).all(0) & (m.max(0) > 0)).sum()))
    return out


def erf_sigma_interval(per_image, resamples, rng):
    """sigma of the mean map per block, and its 95 % bootstrap interval over the images."""
    n, L = per_image.shape[:2]
    sigma = [gaussian_fit(per_image[:, l].mean(0))["sigma"] for l in range(L)]
    boot = np.zeros((resamples, L))
    for k in range(resamples):
        pick = rng.integers(0, n, n)
        mean = per_image[pick].mean(0)
        boot[k] = [gaussian_fit(mean[l])["sigma"] for l in range(L)]
    lo, hi = np.percentile(boot, [2.5, 97.5], axis=0)
    return {"sigma": sigma, "low": lo.tolist(), "high": hi.tolist()}


def rise_range(blocks, inits):
    """Per block and key, the lowest and highest rise of the trained mean NMI over each untrained network's."""
    for l, b in enumerate(blocks):
        rises = {k: [v / c[l]["summary"]["mean_nmi"][k] for c in inits if c[l]["summary"]["mean_nmi"][k] > 0]
                 for k, v in b["summary"]["mean_nmi"].items()}
        b["summary"]["rise_range"] = {k: [min(r), max(r)] if r else None for k, r in rises.items()}


def against_init(blocks, control):
    """Each number over its value at initialisation (the block's mean over channels): `rise` per key, and each
    channel's family of largest rise, which discounts what random features of that block already show."""
    for b, c in zip(blocks, control):
        floor = c["summary"]["mean_nmi"]
        b["summary"]["rise"] = {k: v / floor[k] if floor[k] > 0 else None for k, v in b["summary"]["mean_nmi"].items()}
        rise = np.stack([np.array(b["nmi"][f]) / max(floor[f], 1e-12) for f in FAMILIES], 1)
        fam = [FAMILIES[k] if alive is not None else None for k, alive in zip(rise.argmax(1), b["best_family"])]
        b["best_family_rise"] = fam
        live = sum(f is not None for f in fam)
        b["summary"]["best_family_rise_share"] = {f: fam.count(f) / max(live, 1) for f in FAMILIES}


def same_weights(a, b):
    sa, sb = a.state_dict(), b.state_dict()
    return sa.keys() == sb.keys() and all(torch.equal(sa[k], sb[k]) for k in sa)


def measure_second(args, x_all, val, meta, init_nets, init_selectivity, erf_inputs, labels):
    """The second trained network, measured as the first: its selectivity summaries with the rise over its own
    initialisation and the range over every untrained network, each channel's best label and lift, its
    class-pure top channels, and its effective field before and after training with bootstrap intervals. Its
    initialisation should be one of the untrained networks (run.ts trains it from measure.py's second);
    `init_index` says which (null if none)."""
    net, cfg = load_net(args.second)
    stem = args.second[:-len(".pt")] if args.second.endswith(".pt") else args.second
    init, init_cfg = load_net(stem + "-init.pt")
    log = json.load(open(stem + "-train-log.json"))
    index = next((k for k, n in enumerate(init_nets) if same_weights(n, init)), None)
    selectivity, maxes, _ = units(net, x_all, val, meta, args)
    own = init_selectivity[index] if index is not None else units(init, x_all, val, meta, args)[0]
    against_init(selectivity, own)
    rise_range(selectivity, init_selectivity)
    boot = np.random.default_rng(args.seed + 2)
    erf = {tag: erf_sigma_interval(erf_per_image(n, erf_inputs["val"]), args.bootstrap, boot)
           for tag, n in (("init", init), ("trained", net))}
    return {
        "checkpoint_sha256": sha256(args.second), "checkpoint": cfg, "init_checkpoint": init_cfg, "init_index": index,
        "val_accuracy": log["val_accuracy"], "val_loss": log["val_loss"],
        "val_clean_accuracy": (log.get("val_clean") or {}).get("accuracy"),
        "cpu_seconds": log.get("cpu_seconds"),
        "blocks": [{"summary": b["summary"], "best": b["best"], "best_lift": b["best_lift"]} for b in selectivity],
        "top_purity": pure_top_channels(maxes, labels),
        "erf": erf,
    }


def main(argv=None):
    args = parse_args(argv)
    t0 = time.time()
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = np.random.default_rng(args.seed)

    rf_jump = theoretical(convnet_layers(len(M.CHANNELS)))
    assert tuple(r for r, _ in rf_jump) == M.RECEPTIVE_FIELDS and tuple(j for _, j in rf_jump) == M.JUMPS, rf_jump
    meta = json.load(open(os.path.join(args.data, "meta.json")))
    val = load_val(args.data, meta)
    net, cfg = load_net(args.checkpoint)
    init, init_cfg = load_net(args.init)
    x_all = val["images"].float().div(255).unsqueeze(1)
    N = len(x_all)
    selectivity, maxes, where = units(net, x_all, val, meta, args)
    control, control_maxes, _ = units(init, x_all, val, meta, args)
    against_init(selectivity, control)
    # Other initialisations: how far random networks differ, so that a rise is read against all of them.
    others, other_nets = [], []
    for k in range(1, args.inits):
        torch.manual_seed(args.seed + 100 * k)
        other_nets.append(M.ConvNet().eval())
        others.append(units(other_nets[-1], x_all, val, meta, args))
    other = others[0][0]
    rise_range(selectivity, [control] + [o[0] for o in others])
    labels = val["labels"].numpy()
    top_purity = {"top": 8, "trained": pure_top_channels(maxes, labels),
                  "inits": [pure_top_channels(m, labels) for m in [control_maxes] + [o[1] for o in others]],
                  "channels": list(M.CHANNELS)}
    images = val["images"].numpy()
    tops = [{"block": l + 1, "rf": r, "jump": j, "channels": top_patches(maxes[l], where[l], images, r, j, M.SIZE >> l)}
            for l, (r, j) in enumerate(rf_jump)]

    # Effective receptive fields (Luo et al. 2016).
    pick = np.sort(rng.choice(N, size=min(args.erf_images, N), replace=False))
    inputs = {"val": x_all[pick], "random": torch.rand(args.erf_images, 1, M.SIZE, M.SIZE)}
    plain = []
    for k in range(args.plain_inits):
        torch.manual_seed(args.seed + 1 + k)
        plain.append(PlainStack(M.CHANNELS).eval())
    plain_rf = theoretical([("conv", 3, 1)] * len(M.CHANNELS))
    erf = {
        "centre_unit": [centre_unit(M.SIZE >> l) for l in range(len(M.CHANNELS))],
        "init": erf_all([init], inputs),
        "trained": erf_all([net], inputs),
        "plain_init": {"rf": [r for r, _ in plain_rf], "inits": args.plain_inits, **erf_all(plain, inputs)},
        "sqrt_depth": [math.sqrt(l + 1) for l in range(len(M.CHANNELS))],
    }
    # The effective field across training: the checkpoints train.py kept, with 95 % bootstrap intervals.
    boot_rng = np.random.default_rng(args.seed + 1)
    series = [(0, args.init)] + [(int(e), os.path.join(os.path.dirname(args.checkpoint), f"convnet-epoch{e}.pt"))
                                 for e in cfg.get("checkpoints", [])] + [(cfg.get("epoch"), args.checkpoint)]
    erf["training"] = [{"epoch": e, **erf_sigma_interval(erf_per_image(load_net(path)[0], inputs["val"]), args.bootstrap, boot_rng)}
                       for e, path in series if os.path.exists(path)]
    # Last, so that nothing above depends on it: the first network's numbers are the same with or without it.
    second = measure_second(args, x_all, val, meta, [init] + other_nets, [control] + [o[0] for o in others],
                            inputs, labels)

    w1, b1 = net.convs[0].weight.detach()[:, 0], net.convs[0].bias.detach()
    out = {
        "meta": {
            "checkpoint_sha256": sha256(args.checkpoint), "init_sha256": sha256(args.init),
            "checkpoint": cfg, "init_checkpoint": init_cfg,
            "data": {"val_count": N, "val_seed": meta["val"].get("seed"), "parts": meta["parts"],
                     "classes": meta["classes"], "shapes": meta["shapes"][1:], "orientation_bins": 8},
            "seed": args.seed, "edge_images": min(args.edge_images, N), "erf_images": len(pick), "top": len(tops[0]["channels"][0]["image"]),
            "families": list(FAMILIES),
        },
        "kernels": {"weight": w1.tolist(), "bias": b1.tolist()},
        "top_patches": tops,
        "selectivity": {"blocks": selectivity,
                        # The same measurements of the network at initialisation: what the architecture and the
                        # estimator give without learning (the floor each number should be read against).
                        "init_summary": [b["summary"] for b in control],
                        "other_init_summary": [b["summary"] for b in other],
                        "init_summaries": [[b["summary"] for b in c] for c in [control] + [o[0] for o in others]],
                        "top_purity": top_purity},
        "receptive_fields": {"theoretical": {"rf": list(M.RECEPTIVE_FIELDS), "jump": list(M.JUMPS)}, "erf": erf},
        "second": second,
    }
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(sig(out), f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {args.out} ({os.path.getsize(args.out) / 1e3:.0f} kB) in {time.time() - t0:.0f} s")
    summarise(out)


def summarise(out):
    for l, b in enumerate(out["selectivity"]["blocks"]):
        for tag, s in (("trained", b["summary"]), ("init", out["selectivity"]["init_summary"][l]),
                       ("init 2", out["selectivity"]["other_init_summary"][l])):
            print(f"block {l + 1} {tag:7s}: mean nmi " + " ".join(f"{k}={v:.3f}" for k, v in s["mean_nmi"].items())
                  + " | best family " + " ".join(f"{k}={v:.2f}" for k, v in s["best_family_share"].items())
                  + (" | rise " + " ".join(f"{k}={v:.2f}" for k, v in s["rise"].items())
                     + " | best by rise " + " ".join(f"{k}={v:.2f}" for k, v in s["best_family_rise_share"].items())
                     if "rise" in s else "")
                  + f" | dead {s['dead']}/{s['channels']}")
    tp = out["selectivity"]["top_purity"]
    print(f"pure top-8 channels per block: trained {tp['trained']}, untrained {tp['inits']}")
    s2 = out["second"]
    print(f"second network (init {s2['init_index']}): val accuracy {s2['val_accuracy']}, pure top-8 {s2['top_purity']}")
    for l, (a, b) in enumerate(zip(out["selectivity"]["blocks"], s2["blocks"])):
        print(f"block {l + 1} rise (range) first | second: " + " ".join(
            f"{k}={a['summary']['rise'][k]:.2f} ({a['summary']['rise_range'][k][0]:.2f}-{a['summary']['rise_range'][k][1]:.2f}) | "
            f"{b['summary']['rise'][k]:.2f} ({b['summary']['rise_range'][k][0]:.2f}-{b['summary']['rise_range'][k][1]:.2f})"
            for k in a["summary"]["rise"] if a["summary"]["rise"][k] is not None and b["summary"]["rise"][k] is not None))
    for tag in ("init", "trained"):
        e = s2["erf"][tag]
        print(f"second ERF {tag}: " + " ".join(f"{s:.2f} [{a:.2f}, {b:.2f}]" for s, a, b in zip(e["sigma"], e["low"], e["high"])))
    for t in out["receptive_fields"]["erf"]["training"]:
        print(f"ERF epoch {t['epoch']}: " + " ".join(f"{s:.2f} [{a:.2f}, {b:.2f}]" for s, a, b in zip(t["sigma"], t["low"], t["high"])))
    e = out["receptive_fields"]["erf"]
    for cond in ("init", "trained", "plain_init"):
        for inp in ("val", "random"):
            print(f"ERF {cond:10s} {inp:6s} sigma " + " ".join(f"{b['sigma']:.2f}" for b in e[cond][inp])
                  + "  ratio " + " ".join(f"{r:.2f}" for r in e[cond][inp + "_sigma_ratio"]))


if __name__ == "__main__":
    main()
