"""OCR passes after tesseract's page read: each reads again one kind of thing the page pass missed."""
