"""REFI-QDA files for the import tests, written to the standard (QDA-XML 1.0): a small
builder, and the realistic project (three sources, twenty coded selections)."""

from __future__ import annotations

import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

NS = "urn:QDA-XML:project:1.0"


def guid(name: str) -> str:
    """A stable GUID per name, so that a test can rebuild the same project."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"findings-test:{name}"))


@dataclass
class Code:
    name: str
    children: list[Code] = field(default_factory=list)
    description: str = ""

    def xml(self) -> str:
        inner = (f"<Description>{escape(self.description)}</Description>"
                 if self.description else "")
        inner += "".join(child.xml() for child in self.children)
        return (f'<Code guid="{guid("code:" + self.name)}" name={quoteattr(self.name)} '
                f'isCodable="true">{inner}</Code>\n')


@dataclass
class Selection:
    key: str
    start: int
    end: int
    codes: list[str]

    def xml(self) -> str:
        codings = "".join(
            f'<Coding guid="{guid("coding:" + self.key + c)}"><CodeRef targetGUID='
            f'"{guid("code:" + c)}"/></Coding>' for c in self.codes)
        return (f'<PlainTextSelection guid="{guid("sel:" + self.key)}" startPosition='
                f'"{self.start}" endPosition="{self.end}">{codings}</PlainTextSelection>\n')


@dataclass
class Source:
    name: str
    text: str
    selections: list[Selection] = field(default_factory=list)
    inline: bool = False
    case: str = ""

    def select(self, key: str, phrase: str, *codes: str) -> Selection:
        """Code the first occurrence of ``phrase`` (positions in code points, end exclusive)."""
        start = self.text.index(phrase)
        selection = Selection(key, start, start + len(phrase), list(codes))
        self.selections.append(selection)
        return selection

    def xml(self) -> str:
        attrs = f'guid="{guid("src:" + self.name)}" name={quoteattr(self.name)}'
        if self.inline:
            body = f"<PlainTextContent>{escape(self.text)}</PlainTextContent>"
        else:
            attrs += f' plainTextPath="internal://{self.name}"'
            body = ""
        body += "".join(s.xml() for s in self.selections)
        return f"<TextSource {attrs}>{body}</TextSource>\n"


def project_xml(codes: list[Code], sources: list[Source], name: str = "Test project") -> str:
    cases = "".join(
        f'<Case guid="{guid("case:" + s.name)}" name="{s.case}"><SourceRef targetGUID='
        f'"{guid("src:" + s.name)}"/></Case>\n' for s in sources if s.case)
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="{NS}" '
            f'name={quoteattr(name)}>\n<CodeBook><Codes>\n'
            + "".join(c.xml() for c in codes) + "</Codes></CodeBook>\n"
            + (f"<Cases>{cases}</Cases>\n" if cases else "")
            + ("<Sources>\n" + "".join(s.xml() for s in sources) + "</Sources>\n"
               if sources else "") + "</Project>\n")


def write_qdpx(path: Path, xml: str, sources: list[Source],
               extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", xml)
        for source in sources:
            if not source.inline:
                archive.writestr(f"Sources/{source.name}", source.text.encode("utf-8"))
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


# The realistic project: three interviews, nested codes, twenty coded selections.
INTERVIEW_1 = (
    "Interviewer: How did the first weeks feel?\r\n"
    "P01: Honestly, I felt like a guest in my own program. Nobody asked where I was from.\r\n"
    "P01: The one attending who looked like me made time for coffee every week.\r\n"
    "Interviewer: And the workload?\r\n"
    "P01: I was the one they called for every Spanish-speaking family, on top of my patients.\r\n"
    "P01: Being the translator for the whole floor was exhausting, and nobody counted it.\r\n"
    "P01: When a mentor said my research mattered, I started to believe I belonged here.\r\n"
)
INTERVIEW_2 = (
    "Interviewer: Tell me about belonging.\n"
    "P02: José — that's my name — was mispronounced for a year 😔 and I stopped correcting it.\n"
    "P02: We had a group chat for residents of color; it was the only place I could breathe.\n"
    "P02: I was asked to sit on every diversity committee, unpaid, during my ICU month.\n"
    "P02: My program director noticed and took me off two of them. That meant a lot.\n"
    "P02: Sometimes I wondered whether I was hired to fill a quota.\n"
    "P02: A senior resident told me: you earned this spot. I still remember it.\n"
)
INTERVIEW_3 = (
    "Interviewer: What would you change?\n"
    "P03: Pay people for committee work, or stop asking the same five of us.\n"
    "P03: Pair every intern with a mentor who has walked a similar road.\n"
    "P03: Ask us before you put our faces on the recruitment brochure.\n"
    "P03: At the retreat, leadership finally named the problem out loud.\n"
    "P03: Our affinity group brought food to the night team every Friday.\n"
    "P03: I almost left in second year; a nurse on nights talked me out of it.\n"
)

REALISTIC_CODES = [
    Code("Belonging", [Code("Isolation"), Code("Community")],
         "Whether residents feel they are part of their program."),
    Code("Minority tax", [Code("Translation"), Code("Committees")],
         "Extra, unrecognised work asked of residents from underrepresented groups."),
    Code("Mentorship", [Code("Role models")]),
    Code("Recommendations"),
]


def realistic_sources() -> list[Source]:
    one = Source("interview-01.txt", INTERVIEW_1, case="P01")
    two = Source("interview-02.txt", INTERVIEW_2, case="P02")
    three = Source("interview-03.txt", INTERVIEW_3, case="P03", inline=True)
    one.select("1a", "I felt like a guest in my own program.", "Isolation")
    one.select("1b", "Nobody asked where I was from.", "Isolation")
    one.select("1c", "The one attending who looked like me made time for coffee every week.",
               "Role models")
    one.select("1d", "I was the one they called for every Spanish-speaking family",
               "Translation")
    one.select("1e", "Being the translator for the whole floor was exhausting, and nobody "
               "counted it.", "Translation", "Belonging")
    one.select("1f", "When a mentor said my research mattered, I started to believe I "
               "belonged here.", "Mentorship", "Community")
    one.select("1g", "the translator for the whole floor", "Minority tax")  # overlaps 1e
    two.select("2a", "was mispronounced for a year 😔 and I stopped correcting it.",
               "Isolation")
    two.select("2b", "We had a group chat for residents of color; it was the only place I "
               "could breathe.", "Community")
    two.select("2c", "I was asked to sit on every diversity committee, unpaid, during my ICU "
               "month.", "Committees")
    two.select("2d", "My program director noticed and took me off two of them.", "Mentorship")
    two.select("2e", "Sometimes I wondered whether I was hired to fill a quota.", "Isolation")
    two.select("2f", "A senior resident told me: you earned this spot.", "Role models")
    three.select("3a", "Pay people for committee work, or stop asking the same five of us.",
                 "Recommendations", "Committees")
    three.select("3b", "Pair every intern with a mentor who has walked a similar road.",
                 "Recommendations")
    three.select("3c", "Ask us before you put our faces on the recruitment brochure.",
                 "Recommendations")
    three.select("3d", "leadership finally named the problem out loud.", "Belonging")
    three.select("3e", "Our affinity group brought food to the night team every Friday.",
                 "Community")
    three.select("3f", "I almost left in second year; a nurse on nights talked me out of it.",
                 "Belonging")
    three.select("3g", "At the retreat", "Belonging")
    return [one, two, three]


def write_realistic(path: Path, sources: list[Source] | None = None) -> Path:
    sources = sources or realistic_sources()
    return write_qdpx(path, project_xml(REALISTIC_CODES, sources, "Belonging study"), sources)
