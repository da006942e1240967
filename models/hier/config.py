"""The depth ladder's one config (issue 13). Its names flow unchanged into the measurements file and the
model card: change a number here and `npm run models -- --from hier-train` retrains and re-measures."""

LADDER = {
    # one width for every rung; only the depth changes
    "d_model": 32,
    "n_head": 4,
    "mlp_ratio": 4,
    "block_size": 256,  # context in tokens: documents average ~310, so a window holds most of one
    "depths": [1, 2, 3, 4, 6],
    # two seeds at depths 1 and 2 (seed 1 for every depth): seeds are the error bars
    "seeds": {1: [1, 2], 2: [1, 2], 3: [1], 4: [1], 6: [1]},
    # training: the same tokens for every rung
    "steps": 400,
    "batch_size": 8,
    "lr": 6e-3,  # AdamW: embeddings, gains, biases
    "muon_lr": 0.02,  # Muon: the blocks' matrices
    "warmup": 30,
    "weight_decay": 0.1,
    "grad_clip": 1.0,
}


def runs():
    """(depth, seed) of every model of the ladder, in training order."""
    return [(d, s) for d in LADDER["depths"] for s in LADDER["seeds"][d]]


def run_name(depth, seed):
    return f"L{depth}-s{seed}"
