"""junkfilter training: labelled data readers, composed documents, evaluation and fitting."""
