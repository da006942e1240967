"""Muon: momentum SGD whose update for each weight matrix is orthogonalised (Jordan et al. 2024).

For a 2-D weight, Muon takes the Nesterov momentum of the gradient, G, and replaces it with the nearest
semi-orthogonal matrix (U Vᵀ from G's SVD), approximated by five Newton–Schulz iterations. Every direction
of the update then moves by the same amount, so directions the gradient barely touches are not starved.
Used for the matrices inside the blocks only; the embedding, positions, LayerNorm gains and biases stay
with AdamW, as in the reference implementation.

Measured here (models/transformer/README.md): after 1,000 steps the validation loss was 4.57 nats/token
with Muon against 4.84 with AdamW alone, at 4 % more time per step.
"""

import torch

# coefficients of the quintic iteration, chosen by Jordan et al. to converge fast from small singular values
NS_COEFFS = (3.4445, -4.7750, 2.0315)


def orthogonalise(G: torch.Tensor, steps: int = 5) -> torch.Tensor:
    """≈ U Vᵀ for G = U S Vᵀ, by Newton–Schulz iteration (singular values end near, not at, 1)."""
    a, b, c = NS_COEFFS
    wide = G.size(0) <= G.size(1)
    X = G if wide else G.t()
    X = X / (X.norm() + 1e-7)  # the Frobenius norm bounds the spectral norm, so every σ ≤ 1
    for _ in range(steps):
        A = X @ X.t()
        X = a * X + (b * A + c * (A @ A)) @ X
    return X if wide else X.t()


class Muon(torch.optim.Optimizer):
    def __init__(self, params, lr=0.02, momentum=0.95, weight_decay=0.0):
        super().__init__(params, dict(lr=lr, momentum=momentum, weight_decay=weight_decay))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                assert p.dim() == 2, "Muon updates matrices only"
                buf = self.state[p].setdefault("momentum", torch.zeros_like(p))
                buf.mul_(group["momentum"]).add_(p.grad)
                update = orthogonalise(p.grad.add(buf, alpha=group["momentum"]))  # Nesterov
                # decoupled weight decay, as in AdamW: without it the weights, and with them the residual
                # stream, grow all through training (that hurts float32 agreement between runtimes)
                p.mul_(1 - group["lr"] * group["weight_decay"])
                # an orthogonal update of a tall matrix has smaller entries; scale so its RMS matches a wide one
                p.add_(update, alpha=-group["lr"] * max(1.0, p.size(0) / p.size(1)) ** 0.5)
