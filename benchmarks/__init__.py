"""Benchmarks of the findings generator (issue 6): ``make bench`` runs :mod:`benchmarks.run`.

Everything here is outside the generator: synthetic data is written under ``benchmarks/work/``
(git-ignored) and results under ``benchmarks/results/``.
"""
