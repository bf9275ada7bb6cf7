"""What the course covers, against the UK team leader standard (ST0384) and published
lists of what a contact-centre supervisor does: one data file (docs/reference/coverage.yml),
checked and made into the page "What the course covers".

Each area is split into the parts it asks. A part is taught when lessons are named for it
and nothing is said to be missing; an area is "Full" only when every part is taught, "Not
covered" when no part is, and "Partial" otherwise. The cover is worked out here, never
typed, so the page cannot claim more than its parts show, and every figure on the page is
counted from the file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import yaml_source
from .course import title_of
from .errors import CourseError
from .yaml_source import duplicate_keys, line_of, node_at

DATA = "reference/coverage.yml"
PAGE = "reference/coverage.md"
LAYERS = {"st0384": "The UK team leader standard (ST0384, level 3)",
          "contact-centre": "Contact-centre supervision (UK Contact Centre NOS, COPC CX Standard, ICMI/CIAC)"}
COVERS = {"full": "Full", "partial": "Partial", "none": "Not covered"}
AREA_KEYS = {"layer", "code", "name", "source", "parts"}
PART_KEYS = {"asks", "taught", "missing"}


@dataclass
class Part:
    asks: str
    taught: list[str] = field(default_factory=list)
    missing: str = ""

    @property
    def covered(self) -> bool:
        return bool(self.taught) and not self.missing


@dataclass
class Area:
    layer: str
    code: str
    name: str
    source: str
    parts: list[Part]
    line: int = 0

    @property
    def cover(self) -> str:
        if all(part.covered for part in self.parts):
            return "full"
        return "partial" if any(part.taught for part in self.parts) else "none"

    @property
    def lessons(self) -> list[str]:
        return list(dict.fromkeys(src for part in self.parts for src in part.taught))

    @property
    def gap(self) -> str:
        return " ".join(" ".join(part.missing.split()) for part in self.parts if part.missing)


@dataclass
class Coverage:
    about: str
    areas: list[Area]


def _text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def load(docs: Path, pages: dict[str, str]) -> Coverage:
    """The map, checked against the pages (src -> markdown): every lesson named exists, and
    every part is either taught or says what is missing."""
    file = f"docs/{DATA}"
    text, tree, data = yaml_source.load(docs / DATA, file)
    errors: list[str] = []
    duplicate_keys(tree, file, errors)
    if not isinstance(data, dict) or not _text(data.get("about")) or not isinstance(data.get("areas"), list):
        raise CourseError(f"{file}:1: the map has `about` (the page's introduction) and a list of `areas`")
    areas, codes = [], set()
    for index, raw in enumerate(data["areas"]):
        where = f"{file}:{line_of(node_at(tree, ['areas', index]))}"
        if not isinstance(raw, dict) or set(raw) != AREA_KEYS:
            errors.append(f"{where}: an area has exactly {', '.join(sorted(AREA_KEYS))}")
            continue
        if raw["layer"] not in LAYERS:
            errors.append(f"{where}: layer must be one of {', '.join(LAYERS)}")
        if not all(_text(raw[key]) for key in ("code", "name", "source")):
            errors.append(f"{where}: code, name and source are text")
        elif (raw["layer"], raw["code"]) in codes:
            errors.append(f"{where}: {raw['code']} is in the map twice")
        codes.add((raw["layer"], raw["code"]))
        if not isinstance(raw["parts"], list) or not raw["parts"]:
            errors.append(f"{where}: an area lists the parts it asks (parts: - asks: …)")
            continue
        parts = []
        for number, part in enumerate(raw["parts"]):
            at = f"{file}:{line_of(node_at(tree, ['areas', index, 'parts', number]))}"
            if not isinstance(part, dict) or "asks" not in part or set(part) - PART_KEYS:
                errors.append(f"{at}: a part has asks, and taught (the lessons) or missing (what is not taught), or both")
                continue
            taught = part.get("taught") or []
            if not _text(part["asks"]) or not isinstance(taught, list) or \
                    ("missing" in part and not _text(part["missing"])):
                errors.append(f"{at}: asks and missing are text; taught is a list of pages")
                continue
            if not taught and "missing" not in part:
                errors.append(f"{at}: '{part['asks']}' names no lesson: say what is missing (missing: …)")
            errors += [f"{at}: '{src}' is not a page of the course" for src in taught if src not in pages]
            parts.append(Part(part["asks"], list(taught), part.get("missing", "")))
        areas.append(Area(raw["layer"], raw["code"], raw["name"], raw["source"], parts,
                          line_of(node_at(tree, ["areas", index]))))
    if errors:
        raise CourseError(errors)
    return Coverage(" ".join(data["about"].split()), areas)


def counts(areas: list[Area], layer: str) -> dict[str, int]:
    """How many areas of one layer are full, partial and not covered."""
    mine = [a for a in areas if a.layer == layer]
    return {cover: sum(a.cover == cover for a in mine) for cover in COVERS}


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def page(coverage: Coverage, pages: dict[str, str]) -> str:
    """The coverage page as markdown, links relative to reference/."""
    def link(src: str) -> str:
        target = src.removeprefix("reference/") if src.startswith("reference/") else f"../{src}"
        return f"[{title_of(pages[src], src)}]({target})"

    lines = ["# What the course covers", "", coverage.about, ""]
    for layer, title in LAYERS.items():
        mine = [a for a in coverage.areas if a.layer == layer]
        if not mine:
            continue
        n = counts(coverage.areas, layer)
        lines += [f"## {title}", "",
                  f"**{n['full']} of {len(mine)} fully covered, {n['partial']} in part, {n['none']} not covered.** "
                  "An area counts as full only when a lesson teaches every part of it.", "",
                  "| Area | What it asks | Where the course teaches it | Cover | What is missing |",
                  "|---|---|---|---|---|"]
        for area in mine:
            asks = "; ".join(_cell(part.asks) + ("" if part.covered else " (in part)" if part.taught else " (not taught)")
                             for part in area.parts)
            where = "; ".join(link(src) for src in area.lessons) or "–"
            lines.append(f"| **{area.code}** {_cell(area.name)} ({_cell(area.source)}) | {asks} | {where} "
                         f"| {COVERS[area.cover]} | {_cell(area.gap) or '–'} |")
        lines.append("")
    return "\n".join(lines)
