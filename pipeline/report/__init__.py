"""Report: the review report (report.html) built from dataset.sqlite."""
