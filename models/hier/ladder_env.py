"""What the depth ladder's scripts (train.py, measure.py) set up before anything else: one BLAS thread (set
before numpy or torch load OpenBLAS; models/README.md), the transformer's model code on the import path (after
this folder, so config.py is this folder's), and the folders they read and write."""
import os
import sys

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "models", "transformer"))
sys.path.insert(0, HERE)
DATA = os.path.join(ROOT, "models", "build", "hier")
