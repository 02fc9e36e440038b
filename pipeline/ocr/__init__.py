"""OCR: page images read by tesseract into the page model, then passes that read again what it missed."""
