"""Pages: any input file into the page model (text layer, OCR or text input), one page at a time."""
