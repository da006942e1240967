"""Export the depth-ladder model that the live ladder figure runs (widgets/ladder-live/) to ONNX, with a fixture.

Reads  models/build/hier/ladder/<run>.pt, models/build/hier/val.bin
Writes public/models/hier-<run>.onnx     input_ids int64 [1, T] (T ≤ 256) → logits [1, T, V] (every position:
                                         V is 42, so unembedding them all is cheap), resid0 … resid<L> [1, T, d]
                                         (after the embeddings and positions, then after each block)
       models/fixtures/hier-<run>-fixture.json   inputs and torch outputs (models/onnx_export.py encoding)

  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 models/hier/export.py [--run L3-s1]

Why one named output per layer rather than one stacked tensor: the figure reads layers by name from the card,
and a retrained ladder of another depth changes the names, not the code.
"""

import argparse
import json
import os
import sys

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np  # noqa: E402
import onnx  # noqa: E402
import torch  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "models", "transformer"))
sys.path.insert(0, HERE)
sys.path.append(os.path.join(ROOT, "models"))
from model import load_checkpoint  # noqa: E402
from onnx_export import (ARTIFACTS_DIR, FIXTURES_DIR, check_with_ort, declare_output_shapes, describe_outputs,  # noqa: E402
                         export_onnx, sampled, tensor, write_fixture)

DATA = os.path.join(ROOT, "models", "build", "hier")
# The figure's model: depth 3 is the essay's turning point (agreement leaves chance from depth 3), seed 1 as
# every rung of the ladder, so its val loss is checked against the committed measurements.
DEFAULT_RUN = "L3-s1"


class Residuals(torch.nn.Module):
    """input_ids [1, T] → (logits [1, T, V], resid0, …, resid<L>) for torch.onnx.export."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids):
        out = self.model(input_ids, return_internals=True)
        return (out["logits"], *out["resid"].unbind(0))


def first_document(max_tokens):
    """The first validation document's ids (from its <doc> to the next), at most max_tokens."""
    ids = np.fromfile(os.path.join(DATA, "val.bin"), dtype="<u2").astype(np.int64)
    starts = np.flatnonzero(ids == ids[0])
    end = starts[1] if len(starts) > 1 else len(ids)
    return [int(i) for i in ids[:min(end, max_tokens)]]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--run", default=DEFAULT_RUN)
    args = p.parse_args()
    torch.set_num_threads(1)
    model, cfg = load_checkpoint(os.path.join(DATA, "ladder", f"{args.run}.pt"))
    L, d, V = cfg.n_layer, cfg.d_model, cfg.vocab_size
    outputs = ["logits"] + [f"resid{l}" for l in range(L + 1)]
    path = os.path.join(ARTIFACTS_DIR, f"hier-{args.run}.onnx")
    ids = first_document(cfg.block_size)
    dyn = {"input_ids": {1: "T"}, **{name: {1: "T"} for name in outputs}}
    m = export_onnx(Residuals(model), (torch.tensor([ids[:16]]),), path, ["input_ids"], outputs, dyn,
                    do_constant_folding=False)
    declare_output_shapes(m, {"logits": [1, "T", V], **{f"resid{l}": [1, "T", d] for l in range(L + 1)}})
    onnx.checker.check_model(m)
    onnx.save(m, path)

    cases = []
    with torch.no_grad():
        for name, x in [("one token", ids[:1]), (f"a generated document, {len(ids)} tokens", ids)]:
            got = {k: v.numpy() for k, v in zip(outputs, Residuals(model)(torch.tensor([x])))}
            check_with_ort(path, {"input_ids": np.array([x], dtype=np.int64)}, got)
            # logits in full; the residuals sampled (256 entries each and their min, max, mean)
            cases.append({"name": name, "input_ids": x,
                          "outputs": {k: tensor(v) if k == "logits" else sampled(v) for k, v in got.items()}})
    fixture_path = os.path.join(FIXTURES_DIR, f"hier-{args.run}-fixture.json")
    write_fixture(fixture_path, {
        "model": os.path.basename(path), "run": args.run,
        "encoding": "each tensor: {shape, data: base64 of little-endian float32}; see models/onnx_export.py",
        "config": cfg.__dict__, "outputs": outputs, "cases": cases, "tolerance": 1e-4})
    with open(os.path.join(DATA, "export.json"), "w") as f:
        json.dump({"run": args.run, "onnx": os.path.relpath(path, ROOT), "fixture": os.path.relpath(fixture_path, ROOT),
                   "outputs": outputs}, f)
    print(f"{path}: {os.path.getsize(path):,} bytes; outputs {describe_outputs(m)}")
    print(f"{fixture_path}: {os.path.getsize(fixture_path):,} bytes")


if __name__ == "__main__":
    main()
