"""The review app (``thaieval review DIR``): a person decides the values the pipeline doubts.

Modules: :mod:`~pipeline.review.keys` (what a decision is attached to),
:mod:`~pipeline.review.record` and :mod:`~pipeline.review.corrections` (the ``corrections``
table), :mod:`~pipeline.review.reading` (the parsed forms kept beside the tables),
:mod:`~pipeline.review.apply` (decisions applied and verified again),
:mod:`~pipeline.review.queue` (what needs a person), :mod:`~pipeline.review.server` (the web
app), :mod:`~pipeline.review.transfer` (corrections as CSV) and :mod:`~pipeline.review.cli`.
Nothing is imported here, so the store can list the table without loading the web app.
"""
