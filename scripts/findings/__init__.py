"""Findings: a static-site generator for the findings of a qualitative study.

The pipeline, top to bottom: ``load`` (YAML with positions) -> ``validate`` (against the one
schema in ``schema``) -> ``model`` (typed items) -> ``pages`` / ``render`` (page bodies from
Jinja templates) -> ``write`` (a staging tree) -> ``engine`` (the only module that knows MkDocs).
"""

__version__ = "0.1.0"
