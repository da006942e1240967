"""Export the trained LSTM to ONNX with its state after every token, and write a fixture.

Reads  models/build/lstm.pt, models/build/data/fixture-input.json ({text, ids})
Writes public/models/lstm.onnx        input_ids int64 [1, T] (T ≥ 1), h0, c0 float32 [n_layer, 1, d] (the state
                                      to start from: zeros for a fresh text, or a previous run's last state) →
                                      logits [1, V] (after the last token), h, c [n_layer, 1, T, d] (hidden and
                                      cell state of every layer after every token)
       public/models/lstm-head.onnx   h float32 [N, d] → logits [N, V] (final LayerNorm + tied unembedding: the
                                      next-token logits after any position, from h[n_layer − 1])
       models/fixtures/lstm-fixture.json inputs and torch outputs, checked by the unit tests (not served)
  --out-dir DIR      where the two graphs go (default public/models; a pilot's graphs belong elsewhere)
  --export-check     instead of a checkpoint, a tiny seeded untrained LSTM (2 layers of 16, 256 byte tokens) whose
                     graphs and fixture go to models/fixtures/lstm-export-check*: the unit tests check the export
                     path (the time loop, the state inputs and outputs) with it whether or not a trained LSTM ships

Run: OPENBLAS_NUM_THREADS=1 /usr/bin/python3 models/lstm/export.py

The time loop is a scripted function (model.recur), so the graph holds an ONNX Loop over T: any length, one
graph. Fixture encoding: models/onnx_export.py. Three cases, every output in full: one token from a zero state,
the fixture text from a zero state, and the text's second half continued from the state after its first half.
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
from model import LSTMConfig, LSTMLM, load_checkpoint  # noqa: E402
from onnx_export import (  # noqa: E402
    ARTIFACTS_DIR, FIXTURES_DIR, check_with_ort, declare_output_shapes, describe_outputs, export_onnx, tensor,
    write_fixture)

ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
INPUTS = ["input_ids", "h0", "c0"]
OUTPUTS = ["logits", "h", "c"]


class Steps(torch.nn.Module):
    """(input_ids [1, T], h0, c0) → (logits after the last token, h, c), for torch.onnx.export."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, h0, c0):
        return self.model.steps(input_ids, h0, c0)


class Head(torch.nn.Module):
    """h [N, d] → logits [N, V]: the model's own final LayerNorm and tied unembedding."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, h):
        return self.model.head(h)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--checkpoint", default=os.path.join(ROOT, "models", "build", "lstm.pt"))
    p.add_argument("--fixture-input", default=os.path.join(ROOT, "models", "build", "data", "fixture-input.json"))
    p.add_argument("--out-dir", default=ARTIFACTS_DIR)
    p.add_argument("--fixture-dir", default=FIXTURES_DIR)
    p.add_argument("--export-check", action="store_true")
    args = p.parse_args()
    torch.set_num_threads(1)

    with open(args.fixture_input) as f:
        fx = json.load(f)
    name = "lstm"
    if args.export_check:
        torch.manual_seed(0)
        cfg = LSTMConfig(vocab_size=256, n_layer=2, d_model=16)
        model = LSTMLM(cfg).eval()
        ckpt_meta = {"step": None}
        name, args.out_dir = "lstm-export-check", args.fixture_dir
        # byte tokens (ids 0-255 are the tokenizer's bytes): the fixture text's first 64 bytes
        fx = {**fx, "text": fx["text"].encode("utf-8")[:64].decode("utf-8", "ignore")}
        ids = list(fx["text"].encode("utf-8"))
    else:
        model, cfg = load_checkpoint(args.checkpoint)
        ckpt_meta = torch.load(args.checkpoint, map_location="cpu")
        ids = [int(i) for i in fx["ids"]]
    assert len(ids) >= 4 and all(0 <= i < cfg.vocab_size for i in ids)
    os.makedirs(args.out_dir, exist_ok=True)
    L, d, V = cfg.n_layer, cfg.d_model, cfg.vocab_size

    main_path = os.path.join(args.out_dir, f"{name}.onnx")
    example = torch.tensor([ids[:16]], dtype=torch.long)
    h0, c0 = model.zero_state(1)
    m = export_onnx(Steps(model), (example, h0, c0), main_path, INPUTS, OUTPUTS,
                    {"input_ids": {1: "T"}, "h": {2: "T"}, "c": {2: "T"}}, do_constant_folding=False)
    declare_output_shapes(m, {"logits": [1, V], "h": [L, 1, "T", d], "c": [L, 1, "T", d]})
    onnx.checker.check_model(m)
    onnx.save(m, main_path)
    assert any(n.op_type == "Loop" for n in m.graph.node), "the time loop was unrolled: the graph would fix T"
    head_path = os.path.join(args.out_dir, f"{name}-head.onnx")
    mh = export_onnx(Head(model), (torch.randn(3, d),), head_path, ["h"], ["logits"],
                     {"h": {0: "N"}, "logits": {0: "N"}}, do_constant_folding=False)

    n_init = sum(int(np.prod(t.dims)) for t in m.graph.initializer)
    n_params = model.num_params()
    print(f"initializer values {n_init:,} vs {n_params:,} parameters")

    def run(case_ids, state):
        with torch.no_grad():
            logits, h, c = model.steps(torch.tensor([case_ids]), *state)
        return {"logits": logits.numpy(), "h": h.numpy(), "c": c.numpy()}

    def feeds(case_ids, state):
        return {"input_ids": np.array([case_ids], dtype=np.int64), "h0": state[0].numpy(), "c0": state[1].numpy()}

    cases = []
    zero = model.zero_state(1)
    half = len(ids) // 2
    with torch.no_grad():
        # the spelled-out recurrence is nn.LSTM's, to float rounding
        ref_logits, (ref_h, ref_c) = model(torch.tensor([ids]))
        full = run(ids, zero)
        assert np.abs(full["logits"] - ref_logits[0, -1:].numpy()).max() < 1e-4
        assert np.abs(full["h"][:, 0, -1] - ref_h[:, 0].numpy()).max() < 1e-5
        assert np.abs(full["c"][:, 0, -1] - ref_c[:, 0].numpy()).max() < 1e-5
        first = run(ids[:half], zero)
        carried = (torch.from_numpy(first["h"][:, :, -1].copy()), torch.from_numpy(first["c"][:, :, -1].copy()))
        second = run(ids[half:], carried)
        # continuing from a carried state is the same as reading the whole text
        assert np.abs(second["h"] - full["h"][:, :, half:]).max() < 1e-5
        for case_name, case_ids, state, out in [("one token", ids[:1], zero, run(ids[:1], zero)),
                                           (f"fixture text, {len(ids)} tokens", ids, zero, full),
                                           (f"second half, {len(ids) - half} tokens, from the first half's state",
                                            ids[half:], carried, second)]:
            cases.append({"name": case_name, "input_ids": case_ids, "h0": tensor(state[0].numpy()), "c0": tensor(state[1].numpy()),
                          "outputs": {k: tensor(out[k]) for k in OUTPUTS}})
            check_with_ort(main_path, feeds(case_ids, state), out)

        picks = [0, half, len(ids) - 1]
        head_in = full["h"][L - 1, 0, picks]
        head_out = model.head(torch.from_numpy(head_in)).numpy()
        assert np.abs(head_out[-1] - full["logits"][0]).max() < 1e-4  # the head after the last token is the logits
        check_with_ort(head_path, {"h": head_in}, {"logits": head_out})

    fixture = {
        "version": 1,
        "model": os.path.basename(main_path),
        "head_model": os.path.basename(head_path),
        # where the graphs are, from the repository root: the shipped ones beside the card, the export check's here
        "model_dir": os.path.relpath(args.out_dir, ROOT),
        "encoding": "each tensor: {shape, data: base64 of little-endian float32}; see models/onnx_export.py",
        "document": fx.get("document"),
        "text": fx["text"],
        "ids": ids,
        "config": cfg.__dict__,
        "checkpoint_step": ckpt_meta.get("step"),
        "inputs": INPUTS,
        "outputs": OUTPUTS,
        "cases": cases,
        "head": {"positions": picks, "h": tensor(head_in), "logits": tensor(head_out)},
        "tolerance": 1e-4,
    }
    fixture_path = os.path.join(args.fixture_dir, f"{name}-fixture.json")
    write_fixture(fixture_path, fixture)
    print(f"{main_path}: {os.path.getsize(main_path):,} bytes; outputs {describe_outputs(m)}")
    print(f"{head_path}: {os.path.getsize(head_path):,} bytes; outputs {describe_outputs(mh)}")
    print(f"{fixture_path}: {os.path.getsize(fixture_path):,} bytes")


if __name__ == "__main__":
    main()
