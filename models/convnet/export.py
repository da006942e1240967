"""Export the trained convnet to ONNX with every block's output named, and write a fixture.

Reads  models/build/convnet.pt, models/build/drawings/val-{images,labels}.bin
Writes public/models/convnet.onnx          image float32 [B, 1, 32, 32] → block1 [B, 16, 32, 32], block2 [B, 32, 16, 16],
                                           block3 [B, 64, 8, 8], block4 [B, 64, 4, 4] (ReLU outputs before pooling),
                                           probs [B, classes]
       models/fixtures/convnet-fixture.json inputs and torch outputs, checked by the unit tests (not served)

Run: OPENBLAS_NUM_THREADS=1 /usr/bin/python3 models/convnet/export.py

Fixture format, encoded by models/onnx_export.py: every tensor is {"shape": [...], "data": base64 of
little-endian float32}. Three cases: a validation car, a blank canvas (all 0) and a full black canvas (all 1).
The car stores every output in full. The two uniform canvases are nearly constant per channel, so they store,
per output, a summary (min, max, mean over the whole tensor) and a strided sample of about SAMPLES entries
(onnx_export.sampled).
"""

import argparse
import os
import sys

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
import onnx
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.append(os.path.dirname(HERE))  # models/, for onnx_export
from model import CLASSES, OUTPUT_NAMES, SIZE, ConvNet, Exported  # noqa: E402
from onnx_export import (  # noqa: E402
    ARTIFACTS_DIR, FIXTURES_DIR, declare_output_shapes, export_onnx, sampled, tensor, write_fixture)

ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
SAMPLES = 256  # about this many entries per sampled output


def load_model(path):
    ckpt = torch.load(path, map_location="cpu")
    net = ConvNet(channels=tuple(ckpt["config"]["channels"]), classes=len(ckpt["config"]["classes"]))
    net.load_state_dict(ckpt["model"])
    net.eval()
    return net


def full(a):
    return tensor(a)


def sample(a):
    return sampled(a, SAMPLES)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--checkpoint", default=os.path.join(ROOT, "models", "build", "convnet.pt"))
    p.add_argument("--data-dir", default=os.path.join(ROOT, "models", "build", "drawings"))
    p.add_argument("--out-dir", default=ARTIFACTS_DIR)
    p.add_argument("--fixture-dir", default=FIXTURES_DIR)
    args = p.parse_args()
    torch.set_num_threads(1)

    net = load_model(args.checkpoint)
    exported = Exported(net).eval()
    model_path = os.path.join(args.out_dir, "convnet.onnx")
    m = export_onnx(exported, (torch.zeros(2, 1, SIZE, SIZE),), model_path, ["image"], OUTPUT_NAMES,
                    {name: {0: "B"} for name in ["image"] + OUTPUT_NAMES})

    # declare the contract's shapes: batch "B", everything else fixed
    with torch.no_grad():
        contract = {name: ["B", *t.shape[1:]] for name, t in zip(OUTPUT_NAMES, exported(torch.zeros(1, 1, SIZE, SIZE)))}
    declare_output_shapes(m, contract)
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
        ("blank canvas (all 0)", np.zeros((1, 1, SIZE, SIZE), np.float32), sample),
        ("full black canvas (all 1)", np.ones((1, 1, SIZE, SIZE), np.float32), sample),
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
    fixture_path = os.path.join(args.fixture_dir, "convnet-fixture.json")
    write_fixture(fixture_path, fixture)
    print(f"{model_path}: {os.path.getsize(model_path):,} bytes; {n_params:,} parameters; outputs "
          + ", ".join(f"{n} {s}" for n, s in contract.items()))
    print(f"{fixture_path}: {os.path.getsize(fixture_path):,} bytes "
          "(checked against onnxruntime-web by the unit tests)")


if __name__ == "__main__":
    main()
