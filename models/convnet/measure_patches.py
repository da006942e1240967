"""Each channel's top val patches: the images where its strongest unit fires most, cut to that unit's
theoretical receptive field."""
import base64

import numpy as np

from measure_erf import support_box

TOP = 8


def patch(image, x, y, rf, jump):
    """The unit's theoretical receptive field: the rf x rf window starting at pixel x*jump + (jump - rf)/2
    (centred on (x + 0.5)*jump - 0.5), outside the image = paper (0). Stored as the bounding box of its ink
    within the window, [bx, by, w, h] relative to the window's corner, and the box's uint8 bytes in base64."""
    x0, y0 = x * jump + (jump - rf) // 2, y * jump + (jump - rf) // 2
    win = np.zeros((rf, rf), np.uint8)
    s = image.shape[0]
    ix0, iy0, ix1, iy1 = max(x0, 0), max(y0, 0), min(x0 + rf, s), min(y0 + rf, s)
    win[iy0 - y0:iy1 - y0, ix0 - x0:ix1 - x0] = image[iy0:iy1, ix0:ix1]
    bx, by, w, h = support_box(win)
    return [bx, by, w, h], base64.b64encode(win[by:by + h, bx:bx + w].tobytes()).decode()


def top_patches(maxes, where, images, rf, jump, width):
    """Per channel, the TOP images with the largest top-unit activation (distinct images: one unit per image)."""
    out = []
    for c in range(maxes.shape[1]):
        idx = np.argsort(-maxes[:, c], kind="stable")[:TOP]
        ch = {"image": [], "x": [], "y": [], "act": [], "box": [], "data": []}
        for i in idx:
            y, x = divmod(int(where[i, c]), width)
            box, data = patch(images[i], x, y, rf, jump)
            for k, v in zip(ch, (int(i), x, y, float(maxes[i, c]), box, data)):
                ch[k].append(v)
        out.append(ch)
    return out
