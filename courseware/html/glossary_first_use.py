"""The first use of each glossary term on a finished page made focusable, so its tooltip
shows on a tap or from the keyboard too. The terms themselves come from the glossary page
(courseware/model/glossary.py).
"""
from __future__ import annotations

import re
from html.parser import HTMLParser


# A focusable term inside these would be a second tab stop inside a control (and a tap
# on it would also follow the link or pick the quiz option): it keeps its tooltip for a
# pointer, and the term's first use outside one is made focusable.
CONTROLS = {"a", "button", "label", "summary", "select", "textarea"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Terms(HTMLParser):
    """Each <abbr> with a title, in page order: where its start and end tags are (offsets
    in the HTML), its words, and whether it sits inside a control."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.html = html
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", html)]
        self.open: list[str] = []
        self.terms: list[dict] = []
        self.current: dict | None = None
        self.feed(html)
        self.close()

    def at(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag == "abbr" and dict(attrs).get("title"):
            start = self.at()
            self.current = {"start": start, "start_end": start + len(self.get_starttag_text()), "words": "",
                            "in_control": any(t in CONTROLS for t in self.open)}
        if tag not in VOID:
            self.open.append(tag)

    def handle_data(self, data):
        if self.current is not None:
            self.current["words"] += data

    def handle_endtag(self, tag):
        if tag == "abbr" and self.current is not None:
            end = self.at()
            self.current.update(end=end, end_end=self.html.index(">", end) + 1)
            self.terms.append(self.current)
            self.current = None
        if tag in self.open:
            while self.open.pop() != tag:
                pass


def first_use_only(html: str) -> str:
    """Keep a term's tooltip on its first use in the page only (a definition repeated at
    every use of AHT would add kilobytes to a page and nothing for the reader), and make
    that use focusable, so a tap on a phone or the Tab key shows the definition as
    pointing does (WCAG 1.4.13 is met by the theme's tooltip, which stays while pointed
    at and goes with Escape: assets/javascripts/glossary.js)."""
    if "<abbr" not in html:
        return html
    edits: list[tuple[int, int, str]] = []
    seen: set[str] = set()  # terms with a tooltip so far
    focusable: set[str] = set()  # terms with a focusable tooltip so far
    for term in _Terms(html).terms:
        words = term["words"]
        if words in focusable or (term["in_control"] and words in seen):
            edits += [(term["start"], term["start_end"], ""), (term["end"], term["end_end"], "")]  # the words only
        elif term["in_control"]:
            seen.add(words)
        else:
            seen.add(words)
            focusable.add(words)
            edits.append((term["start"], term["start"] + len("<abbr"), '<abbr tabindex="0"'))
    for start, end, text in sorted(edits, reverse=True):
        html = html[:start] + text + html[end:]
    return html
