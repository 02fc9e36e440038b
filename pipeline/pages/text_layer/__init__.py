"""Text layers of born-digital PDFs: read, judged, and their lost marks restored."""
