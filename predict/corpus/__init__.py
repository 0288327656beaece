"""Documents in and out, for the command line and every library caller: finding, reading and decoding inputs
(text, JSON Lines, WARC, Parquet, compressed or not), scoring them in bounded batches across processes, and
writing outputs whole or not at all. The command line (:mod:`predict.cli`) only parses and dispatches to it."""
