"""What the course covers, against the UK "Team leader or supervisor" standard (ST0384)
and the contact-centre topics of a supervisor's first 90 days: one data file
(docs/reference/coverage.yml), checked and made into the page "What the course covers".

A trainer running an apprenticeship uses the page as an evidence map: each area, the
lessons that teach it, and whether the course covers it fully or only in part (and what
is missing). The figures on the page are counted from the file, never typed.
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
LAYERS = {"st0384": "UK Team leader or supervisor standard (ST0384, level 3)",
          "contact-centre": "The contact-centre layer: a supervisor's first 90 days"}
STATUSES = {"full": "Full", "partial": "Partial"}


@dataclass
class Area:
    layer: str
    name: str
    holds: str
    status: str
    lessons: list[str] = field(default_factory=list)
    gap: str = ""
    line: int = 0


def load(docs: Path, pages: dict[str, str]) -> list[Area]:
    """The areas, checked against the pages (src -> markdown): every lesson exists, every
    partial area says what is missing."""
    file = f"docs/{DATA}"
    text, tree, data = yaml_source.load(docs / DATA, file)
    data = data or {}
    errors: list[str] = []
    duplicate_keys(tree, file, errors)
    areas = []
    for index, raw in enumerate(data.get("areas") or []):
        line = line_of(node_at(tree, ["areas", index]))
        where = f"{file}:{line}"
        if not isinstance(raw, dict) or not {"layer", "name", "holds", "status", "lessons"} <= set(raw) \
                or set(raw) - {"layer", "name", "holds", "status", "lessons", "gap"}:
            errors.append(f"{where}: an area has exactly layer, name, holds, status, lessons and (when partial) gap")
            continue
        area = Area(**raw, line=line)
        if area.layer not in LAYERS:
            errors.append(f"{where}: layer must be one of {', '.join(LAYERS)}")
        if area.status not in STATUSES:
            errors.append(f"{where}: status must be full or partial")
        if area.status == "partial" and not area.gap:
            errors.append(f"{where}: a partial area says what is missing (gap: …)")
        for lesson in area.lessons:
            if lesson not in pages:
                errors.append(f"{where}: '{lesson}' is not a page of the course")
        if not area.lessons:
            errors.append(f"{where}: name at least one page that teaches it")
        areas.append(area)
    if errors:
        raise CourseError(errors)
    return areas


def share_full(areas: list[Area], layer: str) -> tuple[int, int]:
    """(fully covered, all) for one layer."""
    mine = [a for a in areas if a.layer == layer]
    return sum(a.status == "full" for a in mine), len(mine)


def page(areas: list[Area], pages: dict[str, str]) -> str:
    """The coverage page as markdown, links relative to reference/."""
    lines = ["# What the course covers", "",
             "This page maps the course against the UK apprenticeship standard for a team leader or supervisor "
             "(ST0384, level 3) and against what a new contact-centre supervisor meets in the first 90 days. "
             "A trainer running an apprenticeship can use it as an evidence map: each area, the pages that teach "
             "it, and whether the course covers it fully or in part. Where it is partial, the last column says "
             "what is missing, so you can fill the gap at work.", ""]
    for layer, title in LAYERS.items():
        full, total = share_full(areas, layer)
        lines += [f"## {title}", "",
                  f"**{full} of {total} areas fully covered ({full / total:.0%}).**" if total else "", "",
                  "| Area | What it holds | Where the course teaches it | Cover | What is missing |",
                  "|---|---|---|---|---|"]
        for area in (a for a in areas if a.layer == layer):
            where = "; ".join(f"[{title_of(pages[src], src)}](../{src.removeprefix('reference/')})"
                              if not src.startswith("reference/") else f"[{title_of(pages[src], src)}]"
                              f"({src.removeprefix('reference/')})" for src in area.lessons)
            lines.append(f"| {area.name} | {' '.join(area.holds.split())} | {where} | {STATUSES[area.status]} "
                         f"| {' '.join(area.gap.split()) or '–'} |")
        lines.append("")
    return "\n".join(lines)
