"""Training and leave-fonts-out evaluation of the digit classifier (:mod:`thaieval.pipeline.ocr.digit_model`)."""
