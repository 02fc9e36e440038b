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

from thaieval.api import RunSummary, __version__, load, run

__all__ = ["RunSummary", "__version__", "load", "run"]
