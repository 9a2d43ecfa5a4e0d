"""Open a REFI-QDA file safely: a ``.qdpx`` archive, a bare ``.qde`` project or a ``.qdc``
codebook, parsed without DTDs or entities and validated against the standard's XML Schema.

Limits (a file past one is refused, never partly read): an archive holds at most
``MAX_MEMBERS`` members and expands to at most ``MAX_EXPANDED`` bytes in all, checked against
the sizes the archive declares and again while reading; a member whose name is absolute or
climbs out of the archive (``..``, a drive, a backslash) refuses the whole archive. Source
files outside an archive are read only from the project file's own folder and below.
"""

from __future__ import annotations

import os
import stat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path, PurePosixPath

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError
from defusedxml.ElementTree import fromstring as safe_fromstring
from lxml import etree

from findings.problems import Problem

NS_PROJECT = "urn:QDA-XML:project:1.0"
NS_CODEBOOK = "urn:QDA-XML:codebook:1.0"
MAX_MEMBERS = 10_000
MAX_EXPANDED = 256 * 1024 * 1024
PROJECT_MEMBER = "project.qde"
INTERNAL = "internal://"

SourceReader = Callable[[str], "bytes | str"]


@dataclass(frozen=True)
class Opened:
    """A validated project or codebook document, and how to read its source files."""

    file: str
    root: etree._Element
    read_source: SourceReader
    close: Callable[[], None] = lambda: None

    @property
    def is_codebook(self) -> bool:
        return etree.QName(self.root).namespace == NS_CODEBOOK


class RefusedError(Exception):
    """The file cannot be read; ``problems`` say where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].format() if problems else "refused")
        self.problems = problems


def open_file(path: Path, shown: str) -> Opened | list[Problem]:
    """The document in ``path`` (``shown`` is how the user named it), or why not."""
    try:
        if not path.is_dir() and not stat.S_ISREG(path.stat().st_mode):
            return [Problem(shown, 1, 1, "expected a file, found a pipe, socket or device: "
                            "never waited on")]
        if path.suffix.lower() == ".qdpx":
            return _open_archive(path, shown)
        return _open_document(_read_limited(path, shown), shown, _folder_reader(path.parent))
    except RefusedError as refused:
        return refused.problems
    except OSError as err:
        return [Problem(shown, 1, 1, f"expected a readable file, found {err.strerror}")]


def _read_limited(path: Path, shown: str) -> bytes:
    """A bare project file's bytes, never more than an archive may expand to."""
    with path.open("rb") as opened:
        data = opened.read(MAX_EXPANDED + 1)
    if len(data) > MAX_EXPANDED:
        raise RefusedError([Problem(shown, 1, 1, f"expected a project file of at most "
                                    f"{_size(MAX_EXPANDED)}, found more")])
    return data


def _open_archive(path: Path, shown: str) -> Opened:
    if not zipfile.is_zipfile(path):
        raise RefusedError([Problem(shown, 1, 1, "expected a .qdpx file (a zip archive), found "
                               "something else: export the project again")])
    archive = zipfile.ZipFile(path)
    try:
        return _open_members(archive, path, shown)
    except RefusedError:
        archive.close()
        raise


def _open_members(archive: zipfile.ZipFile, path: Path, shown: str) -> Opened:
    _check_members(archive, shown)
    if PROJECT_MEMBER not in archive.namelist():
        raise RefusedError([Problem(shown, 1, 1, f"expected {PROJECT_MEMBER} in the archive, "
                               "found none: is this a REFI-QDA project export?")])
    budget = _Budget(MAX_EXPANDED)
    data = budget.read(archive, PROJECT_MEMBER, shown)
    reader = _archive_reader(archive, budget, shown, _folder_reader(path.parent))
    opened = _open_document(data, f"{shown}/{PROJECT_MEMBER}", reader)
    return Opened(opened.file, opened.root, reader, archive.close)


def _check_members(archive: zipfile.ZipFile, shown: str) -> None:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise RefusedError([Problem(shown, 1, 1, f"expected at most {MAX_MEMBERS} files in the "
                               f"archive, found {len(infos)}")])
    declared = sum(info.file_size for info in infos)
    if declared > MAX_EXPANDED:
        raise RefusedError([Problem(shown, 1, 1, f"expected an archive that expands to at most "
                               f"{_size(MAX_EXPANDED)}, found {_size(declared)}")])
    bad = [info.filename for info in infos if not _safe_name(info.filename)]
    if bad:
        raise RefusedError([Problem(shown, 1, 1, "expected file names that stay inside the "
                                    f"archive, found {bad[0]!r}: the archive is refused")])


def _size(count: int) -> str:
    return f"{count // 2**20} MiB" if count >= 2**20 else f"{count} bytes"


def _safe_name(name: str) -> bool:
    if "\\" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return False
    return ".." not in PurePosixPath(name).parts


@dataclass
class _Budget:
    """Bytes that may still be expanded from the archive (sizes in headers can lie)."""

    left: int

    def read(self, archive: zipfile.ZipFile, name: str, shown: str) -> bytes:
        with archive.open(name) as member:
            data = member.read(self.left + 1)
        if len(data) > self.left:
            raise RefusedError([Problem(shown, 1, 1, f"expected an archive that expands to at most "
                                   f"{_size(MAX_EXPANDED)}, found more")])
        self.left -= len(data)
        return data


def _archive_reader(archive: zipfile.ZipFile, budget: _Budget, shown: str,
                    outside: SourceReader) -> SourceReader:
    names = set(archive.namelist())

    def read(path: str) -> bytes | str:
        if not path.startswith(INTERNAL):
            return outside(path)
        member = "Sources/" + path.removeprefix(INTERNAL)
        if not _safe_name(member):
            return f"expected a source inside the archive, found {path!r}"
        if member not in names:
            return f"expected {member} in the archive, found none"
        return budget.read(archive, member, shown)
    return read


def _folder_reader(folder: Path) -> SourceReader:
    """Sources named by a relative path, read from ``folder`` and below only."""
    def read(path: str) -> bytes | str:
        relative = path.removeprefix(INTERNAL)
        target = folder / ("Sources/" + relative if path.startswith(INTERNAL) else relative)
        if PurePosixPath(relative).is_absolute() or not _safe_name(relative):
            return (f"expected a source path relative to the project file, found {path!r}: "
                    "export the project as .qdpx")
        real_folder = os.path.realpath(folder)
        if os.path.lexists(target) and not os.path.realpath(target).startswith(
                real_folder.rstrip(os.sep) + os.sep):
            return (f"expected a source file inside the project file's folder, found {path!r}, "
                    "a link that leads outside it: not read")
        if not target.is_file():
            return f"expected the source file {path!r}, found none"
        size = target.stat().st_size
        if size > MAX_EXPANDED:
            return f"expected a source of at most {_size(MAX_EXPANDED)}, found more"
        return target.read_bytes()
    return read


def _open_document(data: bytes, shown: str, reader: SourceReader) -> Opened:
    _refuse_unsafe_xml(data, shown)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        line, column = err.position
        raise RefusedError([Problem(shown, line, column + 1, f"expected well-formed XML, found "
                               f"{err.msg}")]) from None
    _validate(root, shown)
    return Opened(shown, root, reader)


def _refuse_unsafe_xml(data: bytes, shown: str) -> None:
    """No document type, no entity declarations, no external references (XML bombs)."""
    try:
        safe_fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as err:
        raise RefusedError([Problem(shown, 1, 1, "expected XML without a document type or "
                               f"entities, found {type(err).__name__}: refused")]) from None
    except ParseError as err:
        line, column = err.position
        raise RefusedError([Problem(shown, line, column + 1,
                               "expected well-formed XML, found a syntax error")]) from None


def _validate(root: etree._Element, shown: str) -> None:
    namespace = etree.QName(root).namespace
    schemas = {NS_PROJECT: project_schema, NS_CODEBOOK: codebook_schema}
    if namespace not in schemas:
        raise RefusedError([Problem(shown, root.sourceline or 1, 1, f"expected a REFI-QDA project "
                               f"({NS_PROJECT}) or codebook ({NS_CODEBOOK}), found "
                               f"{etree.QName(root).text!r}")])
    schema = schemas[namespace]()
    if schema.validate(root):
        return
    raise RefusedError([Problem(shown, e.line or 1, (e.column or 0) + 1,
                           f"expected what the REFI-QDA schema allows, found: {_short(e.message)}")
                   for e in schema.error_log])


def _short(message: str) -> str:
    return message.replace("{" + NS_PROJECT + "}", "").replace("{" + NS_CODEBOOK + "}", "")


def schema_text() -> str:
    return resources.files("findings.qda").joinpath("Project.xsd").read_text(encoding="utf-8")


@cache
def project_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.fromstring(schema_text().encode("utf-8")))


#: The codebook document of the standard: the project schema's own code types, in the
#: codebook namespace, with ``CodeBook`` (codes, then optional sets) as the root element.
_CODEBOOK_ROOT = """<xsd:element name="CodeBook" type="CodeBookFileType"/>
	<xsd:complexType name="CodeBookFileType">
		<xsd:sequence>
			<xsd:element name="Codes" type="CodesType"/>
			<xsd:element name="Sets" type="SetsType" minOccurs="0"/>
		</xsd:sequence>
		<xsd:attribute name="origin" type="xsd:string"/>
	</xsd:complexType>
	<xsd:element name="Project" type="ProjectType">"""


@cache
def codebook_schema() -> etree.XMLSchema:
    text = schema_text().replace(NS_PROJECT, NS_CODEBOOK)
    text = text.replace('<xsd:element name="Project" type="ProjectType">', _CODEBOOK_ROOT, 1)
    return etree.XMLSchema(etree.fromstring(text.encode("utf-8")))
