"""Build the case handbook: seed texts in, MkDocs Markdown out."""
