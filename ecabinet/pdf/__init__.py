"""PDF generation: official Vietnamese documents with an embedded Unicode font."""
