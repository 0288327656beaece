"""Training data: sources, labelled documents, alignment of raw and clean text, composed pages, augmentation,
and pages rendered the ways users' tools render HTML."""
