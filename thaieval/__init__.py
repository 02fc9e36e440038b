"""thaieval: Thai government evaluation forms (scanned or born-digital PDFs) into verified datasets.

The stages live in :mod:`thaieval.pipeline` (one folder per stage), the form parsers in
:mod:`thaieval.parsers` and the typed models in :mod:`thaieval.schemas`. From Python:

>>> import thaieval
>>> sorted(thaieval.__all__)
['RunSummary', '__version__', 'load', 'run']

``thaieval.run(["archive/"], out="dataset")`` processes files as ``thaieval run`` does and
returns a :class:`RunSummary`; ``thaieval.load("dataset")`` gives every table as a pandas
DataFrame with the column types of ``columns.csv``.
"""

import os

# The pipeline's matrix products are small (a glyph's network, a crop's features): a BLAS thread
# pool only burns a second core without saving wall time, and --workers is the parallelism.
# Set before numpy loads it (a caller's own setting wins): the scan bench measured 1.37x plain
# tesseract's CPU with OpenBLAS's default threads, 1.26x with one, wall time alike (1.21x).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from thaieval.api import RunSummary, __version__, load, run

__all__ = ["RunSummary", "__version__", "load", "run"]
