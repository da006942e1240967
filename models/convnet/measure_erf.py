"""Receptive fields of the convnet: theoretical (the recurrence) and effective (Luo et al. 2016).

The effective receptive field of a unit is the map of mean |d unit / d input pixel| over a set of inputs; we
summarise it by an isotropic Gaussian whose sigma comes from the map's second moments about its centroid.
"""
import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def theoretical(layers):
    """RF and jump after each layer of `layers` = [(kind, kernel, stride)], with r_0 = 1, j_0 = 1 and
    r_l = r_{l-1} + (k - 1) * j_{l-1}, j_l = j_{l-1} * s. Returns the (rf, jump) after every 'conv'."""
    r, j, out = 1, 1, []
    for kind, k, s in layers:
        r, j = r + (k - 1) * j, j * s
        if kind == "conv":
            out.append((r, j))
    return out


def convnet_layers(n_blocks):
    """The contract's stack: conv 3x3 stride 1 per block, a 2x2 stride-2 max pool between blocks."""
    layers = []
    for b in range(n_blocks):
        layers.append(("conv", 3, 1))
        if b < n_blocks - 1:
            layers.append(("pool", 2, 2))
    return layers


class PlainStack(nn.Module):
    """The reference of Luo et al.: the same convs (3x3, padding 1, same channels, same init), no pooling."""

    def __init__(self, channels):
        super().__init__()
        widths = (1,) + tuple(channels)
        self.convs = nn.ModuleList(nn.Conv2d(widths[i], widths[i + 1], 3, padding=1) for i in range(len(channels)))
        for conv in self.convs:
            nn.init.kaiming_normal_(conv.weight, nonlinearity="relu")
            nn.init.zeros_(conv.bias)

    def forward(self, x):
        blocks = []
        for conv in self.convs:
            x = F.relu(conv(x))
            blocks.append(x)
        return None, blocks


def centre_unit(h):
    """The unit at (h // 2, h // 2): maps have even sides, so this is the one just below-right of the centre."""
    return h // 2


def centre_gradients(net, images, batch=64):
    """For each batch of `images` [N, 1, H, W], the list over blocks l of |d (sum over channels of block l at
    its centre unit) / d image|, [B, 1, H, W] each."""
    for i in range(0, len(images), batch):
        x = images[i:i + batch].clone().requires_grad_(True)
        _, blocks = net(x)
        grads = []
        for b in blocks:
            c = centre_unit(b.shape[-1])
            # Images are independent in a batch, so the gradient of the batch sum is each image's own gradient.
            g, = torch.autograd.grad(b[:, :, c, c].sum(), x, retain_graph=True)
            grads.append(g.abs())
        yield grads


def erf_maps(net, images, batch=64):
    """Mean over `images` [N, 1, H, W] of |d (sum over channels of block l at its centre unit) / d image|,
    for every block l. Returns [L, H, W] float64."""
    total = None
    for grads in centre_gradients(net, images, batch):
        m = torch.stack([g.sum(0)[0].double() for g in grads])
        total = m if total is None else total + m
    return (total / len(images)).numpy()


def erf_per_image(net, images, batch=64):
    """The same gradient maps per image: [N, L, H, W] float64."""
    return torch.cat([torch.stack([g[:, 0].double() for g in grads], 1) for grads in centre_gradients(net, images, batch)]).numpy()


def gaussian_fit(m):
    """Isotropic Gaussian by second moments of the map m (weights m / sum m): centroid (x, y) in pixel-centre
    coordinates (pixel x covers [x, x+1), its centre is x + 0.5) and sigma = sqrt((var_x + var_y) / 2)."""
    h, w = m.shape
    wt = m / m.sum()
    ys, xs = np.mgrid[0:h, 0:w] + 0.5
    mx, my = (wt * xs).sum(), (wt * ys).sum()
    var = ((wt * (xs - mx) ** 2).sum() + (wt * (ys - my) ** 2).sum()) / 2
    return {"x": float(mx), "y": float(my), "sigma": float(math.sqrt(var))}


def support_box(m):
    """Smallest box holding every nonzero value of m: (x0, y0, w, h). Outside the theoretical receptive field
    the gradient is exactly zero, so storing this box loses nothing."""
    ys, xs = np.nonzero(m)
    if len(xs) == 0:
        return 0, 0, 0, 0
    return int(xs.min()), int(ys.min()), int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1)
