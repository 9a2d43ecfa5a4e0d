"""REFI-QDA exchange files: ``findings import`` reads a coded project (``read`` → ``project`` →
``mapping`` → ``write``), ``findings check --qdpx`` verifies imported excerpts (``verify``), and
``findings export qdc`` writes the themes back as a codebook (``export``).

``Project.xsd`` is the standard's XML Schema (QDA-XML 1.0, MIT licence at its top).
"""
