"""Export the trained convnet to ONNX with every block's output named, and write a fixture.

Reads  models/build/convnet.pt, models/build/drawings/val-{images,labels}.bin
Writes public/models/convnet.onnx          image float32 [B, 1, 32, 32] → block1 [B, 16, 32, 32], block2 [B, 32, 16, 16],
                                           block3 [B, 64, 8, 8], block4 [B, 64, 4, 4] (ReLU outputs before pooling),
                                           probs [B, 10]
       models/fixtures/convnet-fixture.json inputs and torch outputs, checked by the unit tests (not served)

Run: OPENBLAS_NUM_THREADS=1 /usr/bin/python3 models/convnet/export.py

Fixture format: every tensor is {"shape": [...], "data": base64 of little-endian float32} (exact, and about
half the size of decimal text). Three cases: a validation car, a blank canvas (all 0) and a full black
canvas (all 1). The car stores every output in full. The two uniform canvases are nearly constant per channel,
so they store, per output, a summary (min, max, mean over the whole tensor) and a strided sample: the flat
entries 0, s, 2s, … with s odd, so that the sample walks through every row and column (the widths are powers
of 2); s = 1 (everything) for tensors of at most 1,024 entries.
"""

import argparse
import base64
import inspect
import json
import os
import sys

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
import onnx
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from model import CLASSES, OUTPUT_NAMES, SIZE, ConvNet, Exported  # noqa: E402

ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
SAMPLES = 256  # about this many entries per sampled output


def load_model(path):
    ckpt = torch.load(path, map_location="cpu")
    net = ConvNet(channels=tuple(ckpt["config"]["channels"]), classes=len(ckpt["config"]["classes"]))
    net.load_state_dict(ckpt["model"])
    net.eval()
    return net


def b64(a):
    return base64.b64encode(np.ascontiguousarray(a, dtype="<f4").tobytes()).decode("ascii")


def full(a):
    a = np.asarray(a, dtype=np.float32)
    return {"shape": list(a.shape), "data": b64(a)}


def sampled(a):
    a = np.asarray(a, dtype=np.float32)
    n = a.size
    stride = 1 if n <= 1024 else (n // SAMPLES) | 1
    return {"shape": list(a.shape), "stride": stride, "data": b64(a.reshape(-1)[::stride]),
            "summary": {"min": float(a.min()), "max": float(a.max()), "mean": float(a.mean(dtype=np.float64))}}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--checkpoint", default=os.path.join(ROOT, "models", "build", "convnet.pt"))
    p.add_argument("--data-dir", default=os.path.join(ROOT, "models", "build", "drawings"))
    p.add_argument("--out-dir", default=os.path.join(ROOT, "public", "models"))
    p.add_argument("--fixture-dir", default=os.path.join(ROOT, "models", "fixtures"))
    args = p.parse_args()
    torch.set_num_threads(1)

    net = load_model(args.checkpoint)
    exported = Exported(net).eval()
    model_path = os.path.join(args.out_dir, "convnet.onnx")
    kwargs = dict(input_names=["image"], output_names=OUTPUT_NAMES, opset_version=17,
                  dynamic_axes={name: {0: "B"} for name in ["image"] + OUTPUT_NAMES})
    # the TorchScript exporter (torch 1.13 has no other; newer torch defaults to dynamo)
    if "dynamo" in inspect.signature(torch.onnx.export).parameters:
        kwargs["dynamo"] = False
    torch.onnx.export(exported, (torch.zeros(2, 1, SIZE, SIZE),), model_path, **kwargs)
    exported.eval()

    # declare the contract's shapes: batch "B", everything else fixed
    m = onnx.load(model_path)
    with torch.no_grad():
        contract = {name: ["B", *t.shape[1:]] for name, t in zip(OUTPUT_NAMES, exported(torch.zeros(1, 1, SIZE, SIZE)))}
    for out in m.graph.output:
        dims = out.type.tensor_type.shape.dim
        assert len(dims) == len(contract[out.name]), out.name
        for dim, want in zip(dims, contract[out.name]):
            if isinstance(want, str):
                dim.dim_param = want
            else:
                assert not dim.HasField("dim_value") or dim.dim_value == want, (out.name, dim, want)
                dim.dim_value = want
    assert [o.name for o in m.graph.output] == OUTPUT_NAMES and [i.name for i in m.graph.input] == ["image"]
    onnx.checker.check_model(m)
    onnx.save(m, model_path)
    n_init = sum(int(np.prod(t.dims)) for t in m.graph.initializer)
    n_params = sum(p.numel() for p in net.parameters())
    assert n_init == n_params, f"initializers {n_init} vs parameters {n_params}"

    # fixture inputs: the first validation car, a blank canvas, a full black canvas
    images = np.fromfile(os.path.join(args.data_dir, "val-images.bin"), dtype=np.uint8).reshape(-1, 1, SIZE, SIZE)
    labels = np.fromfile(os.path.join(args.data_dir, "val-labels.bin"), dtype=np.uint8)
    car = int(np.nonzero(labels == CLASSES.index("car"))[0][0])
    inputs = [
        (f"validation car (val index {car})", images[car:car + 1].astype(np.float32) / 255.0, full),
        ("blank canvas (all 0)", np.zeros((1, 1, SIZE, SIZE), np.float32), sampled),
        ("full black canvas (all 1)", np.ones((1, 1, SIZE, SIZE), np.float32), sampled),
    ]
    cases = []
    with torch.no_grad():
        for name, image, store in inputs:
            outs = [t.numpy() for t in exported(torch.from_numpy(image))]
            probs = outs[-1][0]
            cases.append({"name": name, "image": full(image),
                          "predicted": CLASSES[int(probs.argmax())], "probability": float(probs.max()),
                          "outputs": {n: store(o) for n, o in zip(OUTPUT_NAMES, outs)}})
            print(f"  {name}: predicted {cases[-1]['predicted']} ({probs.max():.3f})")

    fixture = {
        "version": 1,
        "model": "convnet.onnx",
        "encoding": "each tensor: {shape, data: base64 of little-endian float32}; sampled tensors also have "
                    "stride (data = flat entries 0, stride, 2·stride, …) and summary {min, max, mean}; "
                    "see models/convnet/export.py",
        "classes": CLASSES,
        "input": {"name": "image", "shape": ["B", 1, SIZE, SIZE]},
        "outputs": OUTPUT_NAMES,
        "shapes": {name: shape for name, shape in contract.items()},
        "cases": cases,
        "tolerance": 1e-4,
    }
    os.makedirs(args.fixture_dir, exist_ok=True)
    fixture_path = os.path.join(args.fixture_dir, "convnet-fixture.json")
    with open(fixture_path, "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
        f.write("\n")
    print(f"{model_path}: {os.path.getsize(model_path):,} bytes; {n_params:,} parameters; outputs "
          + ", ".join(f"{n} {s}" for n, s in contract.items()))
    print(f"{fixture_path}: {os.path.getsize(fixture_path):,} bytes "
          "(checked against onnxruntime-web by test/unit/convnet-onnx.test.ts)")


if __name__ == "__main__":
    main()
