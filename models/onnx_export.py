"""What the two ONNX exports share (models/transformer/export.py, models/convnet/export.py): the TorchScript
export with a checked graph, the contract's output shapes written into the graph, and the fixture encoding
that the unit tests decode (test/unit/transformer-onnx.test.ts, test/unit/convnet-onnx.test.ts).

Fixture encoding: every tensor is {"shape": [...], "data": base64 of little-endian float32} (exact, and about
2.4× smaller than decimal text). Two compact variants, each marked by its own key:
  "packing": "lower-triangle"  a causal [..., T, T] tensor stored as the lower triangle of every [T, T]
                               matrix, row by row (row i holds columns 0..i); above the diagonal is exactly 0
  "stride": s, "summary": {…}  a strided sample, the flat entries 0, s, 2s, …, and min, max and mean over the
                               whole tensor
Fixtures are test data, not served: they go to models/fixtures/ (FIXTURES_DIR), never public/.

The scripts import this file with models/ appended to sys.path (after their own folder, so nothing here
shadows a package).
"""

import base64
import inspect
import json
import os

import numpy as np
import onnx
import torch

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
ARTIFACTS_DIR = os.path.join(ROOT, "public", "models")
FIXTURES_DIR = os.path.join(ROOT, "models", "fixtures")
OPSET = 17


def export_onnx(module, args, path, input_names, output_names, dynamic_axes, do_constant_folding=True):
    """torch.onnx.export with the TorchScript exporter (torch 1.13 has no other; torch ≥ 2.5 also has the dynamo
    one, the default from 2.9), opset 17; returns the written graph, checked."""
    kwargs = dict(input_names=input_names, output_names=output_names, dynamic_axes=dynamic_axes,
                  opset_version=OPSET, do_constant_folding=do_constant_folding)
    if "dynamo" in inspect.signature(torch.onnx.export).parameters:
        kwargs["dynamo"] = False
    module.eval()
    torch.onnx.export(module, args, path, **kwargs)
    # export restores the wrapper's train/eval state, which reaches the wrapped model: keep it in eval
    # mode (dropout off), or a fixture computed afterwards would hold dropped-out activations
    module.eval()
    m = onnx.load(path)
    onnx.checker.check_model(m)
    return m


def declare_output_shapes(m, contract):
    """Write the contract's shape of every graph output into `m`: a string is a symbolic dimension (dim_param,
    e.g. "T", "B"), a number a fixed one (it must agree with any size the exporter inferred). The exporter's own
    shape inference leaves some axes unnamed (torch 1.13: attn's batch axis), and the widgets read the names."""
    for out in m.graph.output:
        dims = out.type.tensor_type.shape.dim
        assert len(dims) == len(contract[out.name]), out.name
        for dim, want in zip(dims, contract[out.name]):
            if isinstance(want, str):
                dim.dim_param = want
            else:
                assert not dim.HasField("dim_value") or dim.dim_value == want, (out.name, dim, want)
                dim.dim_value = want


def output_dims(m):
    """{output name: [dimension name or size, …]} of a graph."""
    return {v.name: [d.dim_param or d.dim_value for d in v.type.tensor_type.shape.dim] for v in m.graph.output}


def describe_outputs(m):
    """"logits [1, 2048], attn [4, 1, 4, 'T', 'T'], …" for the export's log."""
    return ", ".join(f"{name} {dims}" for name, dims in output_dims(m).items())


def b64(a):
    return base64.b64encode(np.ascontiguousarray(a, dtype="<f4").tobytes()).decode("ascii")


def tensor(a, **extra):
    """A tensor in full: {shape, …extra, data}."""
    a = np.asarray(a, dtype=np.float32)
    return {"shape": list(a.shape), **extra, "data": b64(a)}


def packed_lower_triangle(a):
    """[..., T, T] causal (exactly 0 above the diagonal) → the lower triangle of every [T, T], row by row."""
    T = a.shape[-1]
    upper = np.triu_indices(T, 1)
    assert np.all(a[..., upper[0], upper[1]] == 0), "not causal: nonzero above the diagonal"
    rows, cols = np.tril_indices(T)
    return {"shape": list(a.shape), "packing": "lower-triangle", "data": b64(a[..., rows, cols])}


def sampled(a, samples=256):
    """About `samples` entries of a tensor, the flat entries 0, s, 2s, … with s odd (so that the sample walks
    through every row and column when the widths are powers of 2), s = 1 (everything) for tensors of at most
    1,024 entries; and min, max and mean over the whole tensor."""
    a = np.asarray(a, dtype=np.float32)
    n = a.size
    stride = 1 if n <= 1024 else (n // samples) | 1
    return {"shape": list(a.shape), "stride": stride, "data": b64(a.reshape(-1)[::stride]),
            "summary": {"min": float(a.min()), "max": float(a.max()), "mean": float(a.mean(dtype=np.float64))}}


def write_fixture(path, fixture):
    """Compact JSON and a final newline."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
        f.write("\n")


def check_with_ort(path, feeds, expected, tolerance=1e-4):
    """Runs the graph in onnxruntime for Python, when installed, against `expected` {output name: array}."""
    try:
        import onnxruntime as ort
    except ImportError:
        print(f"  (onnxruntime for Python not installed; {os.path.basename(path)} is checked by vitest)")
        return
    sess = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    got = sess.run(None, feeds)
    for name, g in zip([o.name for o in sess.get_outputs()], got):
        diff = float(np.abs(g - expected[name]).max())
        print(f"  onnxruntime {name}: max |diff| {diff:.2e}")
        assert diff <= tolerance, name
