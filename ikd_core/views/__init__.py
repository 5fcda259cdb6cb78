"""Views: the rows, numbers, texts and links each page and export shows, as plain data."""
