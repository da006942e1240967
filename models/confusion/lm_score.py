"""Step "confusion-lm": the shipped transformer's log-probabilities for every candidate of every confusion-set test
example (models/confusion/lm-items.ts writes them as token ids).

Reads  models/build/confusion/lm-items.json and the transformer as models/memory/recall.py loads it (its
       checkpoint if built, else the shipped weights read back from public/models/transformer.onnx and checked
       against the export's fixture).
Writes models/build/confusion/lm-scores.json: per item, per candidate, the sum of log p(token | tokens before it)
       over the tokens from the first one the candidates do not share (the item's `from`) to the end of the window.

The rule is the language model's usual one for choosing between words: the candidate whose whole text is most
probable. The tokens before `from` are the same for every candidate and score the same, so they are left out; the
tokens after the candidate are kept, so the words that follow weigh in (what rules out "then" in "more then
ten"), and a candidate of more tokens pays for each of them.

Run: nice -n 5 env OPENBLAS_NUM_THREADS=1 /usr/bin/python3 models/confusion/lm_score.py
"""

import argparse
import json
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "models", "memory"))
from recall import load_transformer  # noqa: E402  (the one loader of the shipped transformer)


@torch.no_grad()
def item_scores(model, ids, start):
    """Σ log p over positions start … end of each candidate's sequence, the candidates batched (right-padded:
    the model is causal, so the padding after a sequence changes nothing before it)."""
    n = max(len(s) for s in ids)
    x = torch.tensor([s + [0] * (n - len(s)) for s in ids])
    logp = F.log_softmax(model(x), dim=-1)  # [candidates, n, vocab]; position t predicts token t + 1
    out = []
    for r, s in enumerate(ids):
        targets = torch.tensor(s[start:])
        out.append(logp[r, start - 1:len(s) - 1].gather(1, targets[:, None]).sum().item())
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--items", default=os.path.join(ROOT, "models", "build", "confusion", "lm-items.json"))
    p.add_argument("--transformer", default=os.path.join(ROOT, "models", "build", "transformer.pt"))
    p.add_argument("--out", default=os.path.join(ROOT, "models", "build", "confusion", "lm-scores.json"))
    args = p.parse_args()
    torch.set_num_threads(1)
    model, source = load_transformer(args.transformer)
    with open(args.items) as f:
        data = json.load(f)
    t0 = time.time()
    rows = []
    for k, it in enumerate(data["items"]):
        assert it["from"] >= 1 and all(len(s) <= model.config.block_size for s in it["ids"])
        scores = item_scores(model, it["ids"], it["from"])
        rows.append({key: it[key] for key in ("context", "set", "label", "doc", "index", "members")} | {"logp": scores})
        if k % 2000 == 0:
            print(f"{k}/{len(data['items'])} items, {time.time() - t0:.0f} s", flush=True)
    out = {"step": "confusion-lm", "produced_by": "models/confusion/lm_score.py", "model": source,
           "rule": "per candidate, Σ log p(token | tokens before it) from the first token the candidates do not share to the window's end",
           "split_check": data["split_check"], "wall_s": round(time.time() - t0, 1), "items": rows}
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(out, f)
    print(f"wrote {os.path.relpath(args.out, ROOT)}: {len(rows)} items in {time.time() - t0:.0f} s ({source})")


if __name__ == "__main__":
    main()
