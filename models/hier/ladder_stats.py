"""The ladder's intervals: sums per validation document, and a 95 % bootstrap over documents (measure.py)."""
import numpy as np

BOOTSTRAP = 500


def bootstrap(per_doc_hits, per_doc_counts, rng):
    """95 % interval of Σ hits / Σ counts over documents resampled with replacement."""
    n = len(per_doc_counts)
    if n == 0 or per_doc_counts.sum() == 0:
        return [None, None]
    idx = rng.integers(0, n, size=(BOOTSTRAP, n))
    vals = per_doc_hits[idx].sum(1) / np.maximum(per_doc_counts[idx].sum(1), 1)
    return [round(float(np.percentile(vals, 2.5)), 4), round(float(np.percentile(vals, 97.5)), 4)]


def per_doc(docs, values, n_docs):
    return np.bincount(docs, weights=values, minlength=n_docs), np.bincount(docs, minlength=n_docs).astype(np.float64)
