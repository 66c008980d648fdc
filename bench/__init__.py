"""Benchmarks and accuracy checks: a synthetic corpus with ground truth (``bench.corpus``)."""
