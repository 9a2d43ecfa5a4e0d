"""The arguments of ``findings import`` and ``findings export``, apart from what runs them
(``qda.command``): the command line is read without the importer's modules, which only these
two commands need."""

from __future__ import annotations

import argparse


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``import`` and ``export`` on the ``findings`` parser."""
    command = commands.add_parser(
        "import", help="write or update themes and quotes from a REFI-QDA project "
        "(.qdpx, .qde) or codebook (.qdc)")
    command.add_argument("file", metavar="FILE", help="the exported project or codebook")
    command.add_argument("--data", default="themes_data", metavar="DIR",
                         help="the data folder (default: themes_data)")
    command.add_argument("--theme-code", action="append", default=[], metavar="NAME",
                         help="a code that is a theme (repeatable; default: every top-level "
                         "code)")
    export = commands.add_parser("export", help="write the themes as a REFI-QDA codebook")
    export.add_argument("format", choices=("qdc",), metavar="FORMAT", help="qdc")
    export.add_argument("--data", default="themes_data", metavar="DIR",
                        help="the data folder (default: themes_data)")
    export.add_argument("--output", metavar="FILE", help="where to write it (default: stdout)")
