"""Glossary terms as tooltips on every page, from the glossary page alone.

The glossary page (docs/reference/glossary.md) is the one place a term is defined.
Each `### Term` or `### Full name (ACRONYM)` heading there, with the paragraph under
it, becomes an abbreviation that Python-Markdown's `abbr` extension marks up on every
page (through its `glossary` option); the theme shows it as a tooltip when the term is
pointed at or has focus. The term is focusable, so a tap or the Tab key shows it too
(courseware/html/glossary_first_use.py, on the finished page).

Tooltips go on acronyms and on terms of two or more words, at their first use in a page.
Single everyday words ("coaching", "queue") are left alone: underlining each of them
would bury the page.
"""
from __future__ import annotations

import re

from .errors import CourseError

GLOSSARY = "reference/glossary.md"
HEADING = re.compile(r"^###\s+(?P<term>[^(]+?)(?:\s+\((?P<acronym>[A-Za-z0-9&/ -]+)\))?\s*$")


def plain(markdown: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)  # links keep their text
    text = re.sub(r"[*_`]", "", text)
    return " ".join(text.split())


def tooltips(markdown: str) -> dict[str, str]:
    """Each tooltip key -> the first sentence of its definition, as plain text.

    The tooltip is repeated at every use of the term, so it stays one sentence."""
    lines = markdown.splitlines()
    entries: dict[str, str] = {}
    for index, line in enumerate(lines):
        if not line.startswith("### "):
            continue
        match = HEADING.match(line)
        body: list[str] = []
        for following in lines[index + 1:]:
            if following.startswith("#") or (body and not following.strip()):
                break  # the first paragraph is the definition
            if following.strip():
                body.append(following.strip())
        definition = plain(" ".join(body))
        if not match or not definition:
            raise CourseError(f"docs/{GLOSSARY}:{index + 1}: a glossary entry needs "
                              "'### Term' or '### Term (ACRONYM)' and a definition under it")
        tooltip = re.split(r"(?<=[.!?])\s", definition, maxsplit=1)[0]  # the first sentence
        term, acronym = match["term"].strip(), match["acronym"]
        keys = [acronym] if acronym else []
        if " " in term:
            keys += [term, term[0].lower() + term[1:]]
        for key in keys:
            entries[key] = tooltip
    return entries
