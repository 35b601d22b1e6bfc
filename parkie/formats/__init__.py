"""Corpus formats: doccano relation JSONL, Label Studio export, datasets and spaCy conversion."""
