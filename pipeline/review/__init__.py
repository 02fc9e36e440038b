"""The review app (``thaieval review DIR``): a person decides the values the pipeline doubts.

Modules: :mod:`~thaieval.pipeline.review.keys` (what a decision is attached to),
:mod:`~thaieval.pipeline.review.record` and :mod:`~thaieval.pipeline.review.corrections` (the ``corrections``
table), :mod:`~thaieval.pipeline.review.reading` (the parsed forms kept beside the tables),
:mod:`~thaieval.pipeline.review.apply` (decisions applied and verified again),
:mod:`~thaieval.pipeline.review.queue` (what needs a person), :mod:`~thaieval.pipeline.review.server` (the web
app), :mod:`~thaieval.pipeline.review.transfer` (corrections as CSV) and :mod:`~thaieval.pipeline.review.cli`.
Nothing is imported here, so the store can list the table without loading the web app.
"""
