"""Where models live and how they are stored: names, kept versions, joblib and skops files, trusted types."""
