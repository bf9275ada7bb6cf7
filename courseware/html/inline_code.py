"""Inline code the course's sources may not bring into a page.

The site's Content-Security-Policy has no 'unsafe-inline' (courseware/release/csp.py), and the
offline copy and the LMS packages have no policy at all, so the sources must carry none of
what that policy is there to stop: an inline script, an event-handler or style attribute,
or a javascript:, data: or vbscript: address. A lesson's raw HTML, its Markdown attributes
({ style="…" }), a bank's question or feedback, or an organisation setting could each bring
one in; the check reads what the page actually became, and names the source line that
brought it. mkdocs-quiz's two small option blocks are its own and stay (the policy allows
them by hash); pages/quizzes.py, which alone knows mkdocs-quiz, recognises them.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

from ..model.errors import CourseError
from ..pages.quizzes import is_engine_inline_script
UNSAFE_URL = re.compile(r"(javascript|data|vbscript):", re.I)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "srcset", "data", "background",
                  "cite", "ping"}


def _address(value: str) -> str:
    """An address as a browser reads it: tabs and newlines anywhere are dropped, and leading
    spaces and control characters ('java&#9;script:' is javascript:)."""
    return re.sub(r"[\t\n\r]", "", value).lstrip("".join(map(chr, range(0x21))))


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []  # what it is, a pattern for it in the sources
        self._script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((f"an event handler ({name}=)", rf"\b{name}\s*="))
            elif name == "style":
                self.found.append(("a style attribute", r"\bstyle\s*="))
            elif name == "srcdoc":
                self.found.append(("a frame's inline document (srcdoc=)", r"\bsrcdoc\s*="))
            elif name in URL_ATTRIBUTES and value and UNSAFE_URL.match(_address(value)):
                scheme = UNSAFE_URL.match(_address(value)).group(1).lower()
                self.found.append((f"a {scheme}: address", rf"{scheme}\s*:"))
        if tag == "script" and not any(name == "src" for name, _ in attrs):
            self._script = []

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            if not is_engine_inline_script("".join(self._script)):
                self.found.append(("an inline script", r"<script"))
            self._script = None


def found(page_html: str) -> list[tuple[str, str]]:
    finder = _Finder()
    finder.feed(page_html)
    finder.close()
    return finder.found


def check(page_html: str, src: str, sources: Callable[[], dict[str, str]]) -> None:
    """Raise CourseError with `FILE:LINE: …` for each piece of inline code in a page's HTML.

    sources() gives file -> text, in the order to look (the page's own Markdown first, then
    the banks and organisation.yml), read only when something is found; a line is named
    where the text that made it first shows."""
    problems = []
    pieces = dict.fromkeys(found(page_html))
    texts = sources() if pieces else {}
    for what, needle in pieces:
        where = next((f"{file}:{number}" for file, text in texts.items()
                      for number, line in enumerate(text.splitlines(), 1) if re.search(needle, line, re.I)),
                     f"docs/{src}:1")
        problems.append(f"{where}: {what} reaches the page {src}: the course allows no inline code (its policy "
                        "has no 'unsafe-inline', and the offline and LMS copies have no policy at all); use the "
                        "course's stylesheets and scripts, and only http(s) addresses")
    if problems:
        raise CourseError(problems)


def sources_of(root: Path, src: str, markdown: str) -> Callable[[], dict[str, str]]:
    """check()'s sources for page src of the course at root: its own Markdown, then the
    banks and organisation.yml, read only when something is found."""
    def sources() -> dict[str, str]:
        found = {f"docs/{src}": markdown}
        for path in sorted(root.glob("quizzes/*.y*ml")) + [root / "organisation.yml"]:
            if path.exists():
                found[path.relative_to(root).as_posix()] = path.read_text(encoding="utf-8", errors="replace")
        return found
    return sources
