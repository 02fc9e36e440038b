"""Run: the command line, the batch, executors, and one document through the stages (:mod:`thaieval.pipeline.run.process`)."""
