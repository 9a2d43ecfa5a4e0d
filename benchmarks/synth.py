"""Synthetic data folders for the benchmark: a made-up study of any size, always marked synthetic.

Deterministic: the same size, shape and seed give byte-identical files. N quotes with texts of
100-600 characters (some with context, a content note or tags; participant and finding kinds), a
small toolkit and a few redirects, in one of two shapes:

- ``themed`` (the default): 8 themes, quotes in files of 25, one folder per primary theme, 80 %
  from participants, N/20 recommendations (at most 200);
- ``bulk``: 12 themes, quotes in files of 500 in one folder, 95 % from participants (each with
  consent and a code), 40 recommendations: fewer, longer files and more fields a quote.

    python -m benchmarks.synth --quotes 1000 benchmarks/work/n1000/data
    python -m benchmarks.synth --quotes 10000 --shape bulk benchmarks/work/bulk10000/data
"""

from __future__ import annotations

import argparse
import random
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SEED = 20240611
QUOTES_PER_FILE = 25
RECOMMENDATIONS_PER_FILE = 10
MAX_RECOMMENDATIONS = 200
TEXT_MIN, TEXT_MAX = 100, 600
HEADER = "# Synthetic benchmark data (fictional): made by benchmarks/synth.py, not a real study.\n"

THEMES = (
    ("shift-boundaries", "Handovers break down at the shift boundary"),
    ("working-alone", "Working alone changes what gets written down"),
    ("shared-tools", "Shared tools make handovers visible"),
    ("time-pressure", "Time pressure crowds out the handover"),
    ("peer-support", "Peers fill the gaps that rotas leave"),
    ("training-gaps", "Nobody is taught how to hand over"),
    ("patient-trust", "Patients notice when information is lost"),
    ("invisible-workload", "The workload of handing over is invisible"),
    ("night-staffing", "Night staffing stretches every handover"),
    ("paper-and-screens", "Paper and screens tell different stories"),
    ("family-voices", "Families carry information between shifts"),
    ("escalation-paths", "Escalation depends on who is on"),
)
THEME_WEIGHTS = (22, 17, 14, 12, 10, 10, 8, 7, 6, 5, 4, 3)
SPEAKERS = ("Study authors", "Nurse", "Pharmacist", "Junior doctor", "Healthcare assistant",
            "Paramedic", "Ward manager")
AUDIENCES = ("Program directors", "Clinic managers", "Regional health boards", "Educators",
             "Frontline staff")
LEVELS = ("program", "institution", "community")
TAGS = tuple(f"{a}-{b}" for a in ("night", "paper", "digital", "verbal", "urgent")
             for b in ("notes", "calls", "rota", "safety", "stock", "records"))

SUBJECTS = ("the night team", "my colleague", "the day shift", "the manager", "nobody",
            "the agency nurse", "the pharmacist on call", "the whole ward", "a new starter",
            "the patient's family", "the locum", "the senior on duty")
VERBS = ("forgot to mention", "wrote down", "never heard about", "had to chase",
         "rang me about", "left a note about", "assumed we knew about", "checked twice",
         "found out too late about", "kept quiet about", "argued over", "lost track of")
OBJECTS = ("the insulin delivery", "the pending prescription", "a fall in bay four",
           "the controlled drugs count", "a safeguarding concern", "the broken fridge",
           "the discharge letter", "a missed dose", "the new rota", "an angry relative",
           "the oxygen order", "the blood results")
TAILS = ("and nobody noticed until the morning", "because the handover sheet ran out of space",
         "so I stayed an hour late to sort it", "which happens more than anyone admits",
         "while the phone kept ringing", "before the end of the shift",
         "even though it was on the board", "and I only learned about it from a patient",
         "because there was no time to sit down together", "which made me feel very alone")
OPENERS = ("Honestly,", "To be fair,", "Most nights,", "The worst part is that", "I remember",
           "Every time,", "On a good day,", "If I'm honest,", "Looking back,", "Sometimes")
FINDING_VERBS = ("described", "reported", "linked", "attributed", "associated")
FINDING_OBJECTS = ("lost information at shift change", "a reliance on memory over records",
                   "handovers shortened by interruptions", "informal peer checking",
                   "unclear ownership of pending tasks", "a sense of working without a net")
NOTES = ("Describes a patient's death (fictional).", "Describes verbal abuse (fictional).",
         "Describes feeling unsafe at work (fictional).", "Describes self-harm (fictional).")


@dataclass(frozen=True)
class Shape:
    """How a study's data is laid out: how many themes, quotes a file, and so on."""

    name: str
    themes: int
    quotes_per_file: int
    by_theme_folder: bool  # one folder per primary theme, or all quote files in one
    participant_share: float
    recommendations: int | None  # None: one per 20 quotes, at most MAX_RECOMMENDATIONS


THEMED = Shape("themed", themes=8, quotes_per_file=QUOTES_PER_FILE, by_theme_folder=True,
               participant_share=0.8, recommendations=None)
BULK = Shape("bulk", themes=12, quotes_per_file=500, by_theme_folder=False,
             participant_share=0.95, recommendations=40)
#: The usual study with 40 recommendations whatever its size: the build shape that was slowest
#: at 10,000 quotes (issue 15).
RECS40 = Shape("recs40", themes=8, quotes_per_file=QUOTES_PER_FILE, by_theme_folder=True,
               participant_share=0.8, recommendations=40)
SHAPES = {shape.name: shape for shape in (THEMED, BULK, RECS40)}


@dataclass
class Manifest:
    """What the harness needs to know about a written folder without reading it back."""

    quotes: int
    themes: list[str]
    recommendations: int
    toolkit: int
    sample_quote: str = ""
    quote_files: dict[str, str] = field(default_factory=dict)


class _Dumper(yaml.SafeDumper):
    """Plain YAML only: the generator refuses anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(items: Any) -> str:
    return HEADER + yaml.dump(items, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                              width=10**6, default_flow_style=False)


class Writer:
    """Makes one study's items from a seeded random generator."""

    def __init__(self, quotes: int, seed: int = SEED, shape: Shape = THEMED) -> None:
        self.rng = random.Random(f"{seed}:{quotes}" if shape is THEMED
                                 else f"{seed}:{quotes}:{shape.name}")
        self.n = quotes
        self.shape = shape
        self.theme_list = THEMES[:shape.themes]
        self.theme_ids = [t[0] for t in self.theme_list]

    # --- text -----------------------------------------------------------------------------
    def sentence(self, participant: bool) -> str:
        r = self.rng
        if participant:
            words = f"{r.choice(OPENERS)} {r.choice(SUBJECTS)} {r.choice(VERBS)} " \
                    f"{r.choice(OBJECTS)} {r.choice(TAILS)}."
        else:
            words = f"Participants {r.choice(FINDING_VERBS)} {r.choice(FINDING_OBJECTS)} " \
                    f"with {r.choice(OBJECTS)}, {r.choice(TAILS)}."
        return words[0].upper() + words[1:]

    def text(self, participant: bool, low: int = TEXT_MIN, high: int = TEXT_MAX) -> str:
        target = int(self.rng.triangular(low, high, low + (high - low) * 0.3))
        parts: list[str] = []
        while len(" ".join(parts)) < target:
            parts.append(self.sentence(participant))
        if not participant:
            parts[0] = "Synthetic finding: " + parts[0][0].lower() + parts[0][1:]
        text = " ".join(parts)
        if len(text) > high:
            text = text[: text.rfind(" ", 0, high - 1)].rstrip(",") + "."
        return text

    def markdown(self, low: int, high: int) -> str:
        text = self.text(True, low, high)
        words = text.split(" ")
        i = self.rng.randrange(len(words))
        words[i] = f"**{words[i].strip('.,')}**"
        if self.rng.random() < 0.3:
            words.append(f"See [the theme](theme:{self.rng.choice(self.theme_ids)}).")
        return "*Fictional.* " + " ".join(words)

    # --- items ----------------------------------------------------------------------------
    def study(self) -> dict[str, Any]:
        return {
            "synthetic": True,
            "title": f"Handovers at the shift boundary: a synthetic study with {self.n} quotes",
            "short_title": f"Synthetic benchmark ({self.n} quotes)",
            "authors": [{"name": "Ada Placeholder", "affiliation": "Example University"},
                        {"name": "Tomasz Sample"}],
            "venue": "Fictional Symposium on Benchmarks",
            "year": 2024,
            "summary": "Made-up data for the benchmark. No study took place.",
            "abstract": {h: self.markdown(300, 700)
                         for h in ("Purpose", "Methods", "Results", "Conclusion")},
            "key_facts": [{"label": "Quotes", "value": str(self.n)}],
            "speakers": list(SPEAKERS),
            "license": "CC-BY-4.0",
            "status": "synthetic benchmark data",
            "contact": "findings@example.org",
            "audiences": list(AUDIENCES),
        }

    def themes(self) -> list[dict[str, Any]]:
        return [{
            "id": theme_id, "number": number, "title": title,
            "summary": self.text(False, 120, 270),
            "description": "\n\n".join(self.markdown(300, 600) for _ in range(3)),
            "levels": self.rng.sample(LEVELS, self.rng.randint(1, 3)),
            "source": f"abstract: results, theme {number} (synthetic)",
        } for number, (theme_id, title) in enumerate(self.theme_list, start=1)]

    def quote(self, number: int) -> dict[str, Any]:
        r = self.rng
        participant = r.random() < self.shape.participant_share
        primary = r.choices(self.theme_ids, THEME_WEIGHTS[:len(self.theme_ids)])[0]
        others = r.sample([t for t in self.theme_ids if t != primary], r.choice((0, 0, 0, 1, 2)))
        quote: dict[str, Any] = {
            "id": f"{primary}-{number:05d}",
            "text": self.text(participant),
            "kind": "participant" if participant else "finding",
            "speaker": r.choice(SPEAKERS[1:]) if participant else SPEAKERS[0],
            "themes": [primary, *others],
            "source": f"interview {r.randint(1, 60)} (synthetic)" if participant
            else "abstract: results (synthetic)",
        }
        if r.random() < 0.3:
            quote["context"] = self.markdown(60, 250)
        if r.random() < 0.08:
            quote["content_note"] = r.choice(NOTES)
        if r.random() < 0.5:
            quote["tags"] = r.sample(TAGS, r.randint(1, 3))
        if participant:
            quote["consent"] = r.choice(("consented", "consented", "previously-published"))
            quote["participant"] = f"P{r.randint(1, 60):03d}"
        return quote

    def recommendation(self, number: int, quote_ids: Sequence[str]) -> dict[str, Any]:
        r = self.rng
        subject, verb, obj = r.choice(SUBJECTS), r.choice(VERBS), r.choice(OBJECTS)
        rec: dict[str, Any] = {
            "id": f"recommendation-{number:03d}",
            "title": f"Make sure {subject} never {verb.split()[0]} {obj} again",
            "summary": self.text(False, 120, 300),
            "actions": [self.text(True, 60, 180) for _ in range(r.randint(2, 5))],
            "level": r.choice(LEVELS),
            "audiences": r.sample(AUDIENCES, r.randint(1, 3)),
            "basis": r.choice(("stated", "derived")),
            "themes": r.sample(self.theme_ids, r.randint(1, 2)),
        }
        if quote_ids and r.random() < 0.7:
            rec["quotes"] = r.sample(list(quote_ids), min(len(quote_ids), r.randint(1, 6)))
        rec.update(effort=r.choice(("low", "medium", "high")),
                   timeframe=r.choice(("immediate", "short-term", "long-term")),
                   source="editors, from the findings (synthetic)")
        return rec

    def toolkit(self, rec_ids: Sequence[str]) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        for theme_id, title in self.theme_list:
            items.append({"id": f"discuss-{theme_id}", "type": "discussion", "theme": theme_id,
                          "title": f"Talking about: {title.lower()}", "duration": "30 minutes",
                          "intro": self.markdown(100, 250),
                          "prompts": [self.text(True, 60, 160) + "?" for _ in range(3)],
                          "source": "site editors (synthetic)"})
            for k in range(2 if rec_ids else 0):
                items.append({"id": f"ask-{theme_id}-{k + 1}", "type": "question",
                              "theme": theme_id, "text": self.text(True, 60, 160) + "?",
                              "help": self.markdown(60, 160),
                              "recommendations": self.rng.sample(list(rec_ids),
                                                                 min(2, len(rec_ids))),
                              "source": "site editors (synthetic)"})
        return items


def recommendation_count(quotes: int, shape: Shape = THEMED) -> int:
    if shape.recommendations is not None:
        return shape.recommendations
    return max(1, min(quotes // 20, MAX_RECOMMENDATIONS))


def write_folder(root: Path, quotes: int, seed: int = SEED, shape: Shape = THEMED) -> Manifest:
    """Write a whole data folder at ``root`` (replacing what is there)."""
    if root.exists():
        shutil.rmtree(root)
    writer = Writer(quotes, seed, shape)
    _write(root / "study.yml", writer.study())
    _write(root / "themes" / "themes.yml", writer.themes())
    manifest = Manifest(quotes, list(writer.theme_ids), recommendation_count(quotes, shape), 0)
    all_quotes = [writer.quote(i) for i in range(1, quotes + 1)]
    _write_quotes(root / "quotes", all_quotes, manifest, shape)
    recs = [writer.recommendation(i, [q["id"] for q in all_quotes])
            for i in range(1, manifest.recommendations + 1)]
    for start in range(0, len(recs), RECOMMENDATIONS_PER_FILE):
        part = recs[start:start + RECOMMENDATIONS_PER_FILE]
        _write(root / "recommendations" / f"part-{start // RECOMMENDATIONS_PER_FILE + 1:03d}.yml",
               part)
    toolkit = writer.toolkit([r["id"] for r in recs])
    manifest.toolkit = len(toolkit)
    _write(root / "toolkit" / "toolkit.yml", toolkit)
    _write(root / "redirects.yml", _redirects(all_quotes))
    manifest.sample_quote = all_quotes[0]["id"]
    return manifest


def _write_quotes(folder: Path, quotes: list[dict[str, Any]], manifest: Manifest,
                  shape: Shape) -> None:
    """Quotes in files of the shape's size: in one folder per primary theme (as editors might)
    or all in one folder."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for quote in quotes:
        groups.setdefault(quote["themes"][0] if shape.by_theme_folder else "", []).append(quote)
    size = shape.quotes_per_file
    for name, group in groups.items():
        for start in range(0, len(group), size):
            path = folder / name / f"part-{start // size + 1:03d}.yml"
            part = group[start:start + size]
            _write(path, part)
            manifest.quote_files.update({q["id"]: str(path.relative_to(folder.parent))
                                         for q in part})


def _redirects(quotes: list[dict[str, Any]]) -> dict[str, Any]:
    live = [q["id"] for q in quotes]
    return {"quotes": {"retired-quote-one": live[0], "retired-quote-two": live[-1],
                       "withdrawn-quote": "withdrawn"}}


def _write(path: Path, items: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump(items), encoding="utf-8")


def edit_quote_text(data_root: Path, relative_file: str, quote_id: str, text: str) -> None:
    """Change one quote's text, writing the file in one step (as an editor's save does)."""
    path = data_root / relative_file
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    for item in items if isinstance(items, list) else [items]:
        if item["id"] == quote_id:
            item["text"] = text
    scratch = path.with_name(path.name + ".tmp")
    scratch.write_text(dump(items), encoding="utf-8")
    scratch.replace(path)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.synth", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quotes", type=int, default=1000, help="how many quotes (default 1000)")
    parser.add_argument("--seed", type=int, default=SEED, help=f"random seed (default {SEED})")
    parser.add_argument("--shape", choices=sorted(SHAPES), default=THEMED.name,
                        help=f"how the data is laid out (default {THEMED.name})")
    parser.add_argument("folder", type=Path, help="where to write the data folder (replaced)")
    args = parser.parse_args(argv)
    manifest = write_folder(args.folder, args.quotes, args.seed, SHAPES[args.shape])
    print(f"wrote {args.folder}: {manifest.quotes} quotes, {len(manifest.themes)} themes, "
          f"{manifest.recommendations} recommendations, {manifest.toolkit} toolkit items")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
