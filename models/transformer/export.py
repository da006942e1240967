"""Export the trained GPT to ONNX with every intermediate the widgets show, and write a fixture.

Reads  models/build/transformer.pt, models/build/data/fixture-input.json ({text, ids})
Writes public/models/transformer.onnx        input_ids int64 [1, T], T = 1..128 →
                                             logits [1, V] (after the last token), attn [n_layer, 1, n_head, T, T],
                                             resid [n_layer + 1, 1, T, d], q, k, v [n_layer, 1, n_head, T, head_dim]
       public/models/transformer-lens.onnx   resid float32 [N, d] → logits [N, V] (final LayerNorm + unembedding)
       models/fixtures/transformer-fixture.json inputs and torch outputs, checked by the unit tests (not served)

Run: OPENBLAS_NUM_THREADS=1 /usr/bin/python3 models/transformer/export.py

Fixture format (version 2), encoded by models/onnx_export.py: every tensor is {"shape": [...], "data": base64
of little-endian float32}. Two cases, every output in full: T=1 and the whole fixture text. attn is causal: in
the full case it is stored "packed" (lower triangle of every [layer, 0, head], row by row). The lens case
feeds a few rows of resid from different layers and positions to the lens graph.
"""

import argparse
import json
import os
import sys

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
import onnx
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.append(os.path.dirname(HERE))  # models/, for onnx_export
from model import load_checkpoint  # noqa: E402
from onnx_export import (  # noqa: E402
    ARTIFACTS_DIR, FIXTURES_DIR, check_with_ort, declare_output_shapes, describe_outputs, export_onnx,
    packed_lower_triangle, tensor, write_fixture)

ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
OUTPUTS = ["logits", "attn", "resid", "q", "k", "v"]


class Internals(torch.nn.Module):
    """input_ids [1, T] → (logits at the last position, attn, resid, q, k, v) as a tuple, for torch.onnx.export."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids):
        out = self.model(input_ids, return_internals=True, last_only=True)
        return tuple(out[name] for name in OUTPUTS)


class Lens(torch.nn.Module):
    """resid [N, d] → logits [N, V]: the model's own final LayerNorm and tied unembedding."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, resid):
        return self.model.lens(resid)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--checkpoint", default=os.path.join(ROOT, "models", "build", "transformer.pt"))
    p.add_argument("--fixture-input", default=os.path.join(ROOT, "models", "build", "data", "fixture-input.json"))
    p.add_argument("--out-dir", default=ARTIFACTS_DIR)
    p.add_argument("--fixture-dir", default=FIXTURES_DIR)
    args = p.parse_args()
    torch.set_num_threads(1)

    model, cfg = load_checkpoint(args.checkpoint)
    ckpt_meta = torch.load(args.checkpoint, map_location="cpu")
    with open(args.fixture_input) as f:
        fx = json.load(f)
    ids = [int(i) for i in fx["ids"]][: cfg.block_size]
    assert len(ids) >= 2 and all(0 <= i < cfg.vocab_size for i in ids)
    os.makedirs(args.out_dir, exist_ok=True)

    # main graph, traced at an in-between length so no size is baked in
    main_path = os.path.join(args.out_dir, "transformer.onnx")
    example = torch.tensor([ids[:16]], dtype=torch.long)
    dyn = {"input_ids": {1: "T"}, "attn": {3: "T", 4: "T"}, "resid": {2: "T"},
           "q": {3: "T"}, "k": {3: "T"}, "v": {3: "T"}}
    m = export_onnx(Internals(model), (example,), main_path, ["input_ids"], OUTPUTS, dyn, do_constant_folding=False)
    # declare the contract's output shapes (torch 1.13's shape inference leaves attn's batch axis unnamed)
    L, H, d, hd, V = cfg.n_layer, cfg.n_head, cfg.d_model, cfg.head_dim, cfg.vocab_size
    contract = {"logits": [1, V], "attn": [L, 1, H, "T", "T"], "resid": [L + 1, 1, "T", d],
                "q": [L, 1, H, "T", hd], "k": [L, 1, H, "T", hd], "v": [L, 1, H, "T", hd]}
    declare_output_shapes(m, contract)
    onnx.checker.check_model(m)
    onnx.save(m, main_path)
    lens_path = os.path.join(args.out_dir, "transformer-lens.onnx")
    lens_example = torch.randn(3, cfg.d_model)
    ml = export_onnx(Lens(model), (lens_example,), lens_path, ["resid"], ["logits"],
                     {"resid": {0: "N"}, "logits": {0: "N"}}, do_constant_folding=False)

    # the embedding matrix must appear once (tied unembedding), not also as a folded transposed copy
    n_init = sum(int(np.prod(t.dims)) for t in m.graph.initializer)
    n_params = model.num_params()
    print(f"initializer values {n_init:,} vs {n_params:,} parameters (+{cfg.block_size ** 2:,} mask)")
    assert n_init <= n_params + cfg.block_size ** 2, "an initializer was duplicated by constant folding"

    # fixtures
    model.eval()
    assert not any(mod.training for mod in model.modules())
    cases = []
    with torch.no_grad():
        short = model(torch.tensor([ids[:1]]), return_internals=True, last_only=True)
        short = {k: v.numpy() for k, v in short.items()}
        cases.append({"name": "one token", "input_ids": ids[:1],
                      "outputs": {k: tensor(short[k]) for k in OUTPUTS}})
        check_with_ort(main_path, {"input_ids": np.array([ids[:1]], dtype=np.int64)}, short)

        T = len(ids)
        full = model(torch.tensor([ids]), return_internals=True, last_only=True)
        full = {k: v.numpy() for k, v in full.items()}
        outputs = {
            "logits": tensor(full["logits"]),
            "attn": packed_lower_triangle(full["attn"]),
            "resid": tensor(full["resid"]),
            "q": tensor(full["q"]),
            "k": tensor(full["k"]),
            "v": tensor(full["v"]),
        }
        cases.append({"name": f"fixture text, {T} tokens", "text": fx["text"], "input_ids": ids,
                      "outputs": outputs})
        check_with_ort(main_path, {"input_ids": np.array([ids], dtype=np.int64)}, full)

        # lens: resid rows from the embedding layer, middle and last block, at a few positions
        picks = [(0, 0), (0, T - 1), (cfg.n_layer // 2, T // 2), (cfg.n_layer, 1), (cfg.n_layer, T - 1)]
        lens_in = np.stack([full["resid"][layer, 0, pos] for layer, pos in picks])
        lens_out = model.lens(torch.from_numpy(lens_in)).numpy()
        # sanity: the lens at the last layer is the model's own logits
        assert np.abs(lens_out[-1] - full["logits"][0]).max() < 1e-4
        check_with_ort(lens_path, {"resid": lens_in}, {"logits": lens_out})

    fixture = {
        "version": 2,
        "model": "transformer.onnx",
        "lens_model": "transformer-lens.onnx",
        "encoding": "each tensor: {shape, data: base64 of little-endian float32}; see models/transformer/export.py",
        "document": fx.get("document"),
        "text": fx["text"],
        "ids": ids,
        "config": {**cfg.__dict__, "head_dim": cfg.head_dim},
        "checkpoint_step": ckpt_meta.get("step"),
        "outputs": OUTPUTS,
        "cases": cases,
        "lens": {"picks": [{"layer": layer, "position": pos} for layer, pos in picks],
                 "resid": tensor(lens_in), "logits": tensor(lens_out)},
        "tolerance": 1e-4,
    }
    fixture_path = os.path.join(args.fixture_dir, "transformer-fixture.json")
    write_fixture(fixture_path, fixture)

    print(f"{main_path}: {os.path.getsize(main_path):,} bytes; outputs {describe_outputs(m)}")
    print(f"{lens_path}: {os.path.getsize(lens_path):,} bytes; outputs {describe_outputs(ml)}")
    print(f"{fixture_path}: {os.path.getsize(fixture_path):,} bytes")


if __name__ == "__main__":
    main()
