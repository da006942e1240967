"""The convnet of the essay "Edges, corners, cars" (widgets/convnet/CONTRACT.md).

Four blocks of conv 3x3 -> ReLU, 2x2 max pooling after the first three, global average pooling, one linear
layer. No batch norm: the effective receptive field at initialisation is then that of the plain stack, which
the essay compares with sqrt(depth) (Luo et al. 2016). forward() returns every block's ReLU output before
its pooling, because the widget and the measurements read them as named outputs.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

CLASSES = ["car", "house", "tree", "bicycle", "boat", "face", "lamp", "fish", "cup", "flower", "bus", "truck", "vase"]
CHANNELS = (16, 32, 64, 64)
SIZE = 32
# Theoretical receptive field and jump of one unit of each block's (pre-pool) output, in input pixels:
# r_l = r_{l-1} + (k - 1) * j_{l-1}, with a pool (k = 2, s = 2) between blocks.
RECEPTIVE_FIELDS = (3, 8, 18, 38)
JUMPS = (1, 2, 4, 8)


class ConvNet(nn.Module):
    def __init__(self, channels=CHANNELS, classes=len(CLASSES)):
        super().__init__()
        widths = (1,) + tuple(channels)
        self.convs = nn.ModuleList(nn.Conv2d(widths[i], widths[i + 1], 3, padding=1) for i in range(len(channels)))
        self.head = nn.Linear(channels[-1], classes)
        for conv in self.convs:
            nn.init.kaiming_normal_(conv.weight, nonlinearity="relu")
            nn.init.zeros_(conv.bias)

    def forward(self, image):
        """image [B, 1, 32, 32], ink = 1. Returns (logits, [block1, block2, block3, block4])."""
        x = image
        blocks = []
        for i, conv in enumerate(self.convs):
            x = F.relu(conv(x))
            blocks.append(x)
            if i < len(self.convs) - 1:
                x = F.max_pool2d(x, 2)
        logits = self.head(x.mean(dim=(2, 3)))
        return logits, blocks


class Exported(nn.Module):
    """What the ONNX graph computes: the four block outputs and the class probabilities, as named outputs."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, image):
        logits, blocks = self.net(image)
        return (*blocks, F.softmax(logits, dim=-1))


OUTPUT_NAMES = ["block1", "block2", "block3", "block4", "probs"]
