"""``python -m predict``: the command line and its files (inputs, batches of documents, outputs, the resume journal)."""
