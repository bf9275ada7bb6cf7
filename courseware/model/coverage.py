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

from . import front_matter, yaml_source
from .errors import CourseError
from .yaml_source import line_of, node_at

DATA = "reference/coverage.yml"
PAGE = "reference/coverage.md"
LAYERS = {"st0384": "The UK team leader standard (ST0384, level 3)",
          "contact-centre": "Contact-centre supervision (UK Contact Centre NOS, COPC CX Standard, ICMI/CIAC)"}
COVERS = {"full": "Full", "partial": "Partial", "none": "Not covered"}
SCHEMA = "coverage.json"  # in courseware/model/schemas/: the map's shape; its layers are LAYERS's keys


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


def load(docs: Path, pages: dict[str, str]) -> Coverage:
    """The map, checked against its schema and the pages (src -> markdown): every lesson
    named exists, and no area is in the map twice."""
    file = f"docs/{DATA}"
    text, tree, data = yaml_source.load(docs / DATA, file)
    errors = yaml_source.check(tree, data, yaml_source.course_schema(SCHEMA), file)
    areas, codes = [], set()
    for index, raw in enumerate(data.get("areas", []) if isinstance(data, dict) else []):
        try:
            area = Area(raw["layer"], raw["code"], raw["name"], raw["source"],
                        [_part(part) for part in raw["parts"]],
                        line_of(node_at(tree, ["areas", index])))
        except (KeyError, TypeError, AttributeError):
            continue  # a malformed area: the schema has said where; check the others all the same
        if (area.layer, area.code) in codes:
            errors.append(f"{file}:{area.line}: {area.code} is in the map twice")
        codes.add((area.layer, area.code))
        for number, part in enumerate(area.parts):
            at = f"{file}:{line_of(node_at(tree, ['areas', index, 'parts', number]))}"
            errors += [f"{at}: '{src}' is not a page of the course" for src in part.taught
                       if isinstance(src, str) and src not in pages]
        areas.append(area)
    if errors:
        raise CourseError(errors)
    return Coverage(" ".join(data["about"].split()), areas)


def _part(raw: dict) -> Part:
    if not isinstance(raw.get("taught", []), list):
        raise TypeError("taught is not a list")
    return Part(raw["asks"], list(raw.get("taught", [])), raw.get("missing", ""))


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
        return f"[{front_matter.title(pages[src], src)}]({target})"

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
