"""The whole-course print page: every page of the course on one page, in the navigation's
order, to print or save as PDF (the release's PDF is printed from it by courseware/release/pdf.py).

Each page comes as the engine made it, in the navigation's order (the adapter passes its
HTML, title and address): it becomes a part of the print page, read once with the standard
library's HTML parser. Quizzes become questions to answer on paper (mkdocs-quiz's
interactive markup needs its script, and would show every answer); the pages' scripts,
progress widgets and what is marked `not-in-print` are left out; every id gets the page's
own prefix, so two pages' ids cannot meet; and a link to another page or heading of the
course becomes a link within the print page. A link to a page that is not printed (the
trainers' section, the learner's tools) keeps its words and loses the link. A cover and a
table of contents come first, and each nav section's title before its pages.

In html/: it reads the finished pages; it takes the progress widget's class and the
relative-address rule from pages/progress.py, so the two cannot drift.
"""
from __future__ import annotations

import fnmatch
import html as markup
import posixpath
import re
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

from ..contract import Classes
from ..pages import quizzes
from ..pages.progress import WIDGET_CLASS, relative_url

# The print page's source: a page the build adds (print_page/, print_page.html offline), last
# in the navigation. Its words are every other page's, so search leaves it out.
PAGE = "print_page.md"
TITLE = "Print the whole course"
SOURCE = "---\nsearch:\n  exclude: true\n---\n"
# Left out: the learner's own tools, which show what is saved in a browser, and the trainers'
# section, whose answer keys would give the answers away and whose workbooks copy the lessons.
LEFT_OUT = ("progress.md", "record.md", "review.md", "notebook.md", "trainers/*")
# Elements left out of every page: the progress widgets, which need the progress script that
# the print page does not load, and what a page marks as on screen only.
LEFT_OUT_CLASSES = {WIDGET_CLASS, Classes.QUIZ_PAGE_PROGRESS, "not-in-print"}
# A page's behaviour: the print page loads none of it, and runs no inline code (CSP).
LEFT_OUT_ELEMENTS = {"script", "style", "link", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Attributes that name ids of the same page, as a space-separated list.
ID_REFERENCES = {"for", "headers", "list", "form", "aria-labelledby", "aria-describedby", "aria-controls",
                 "aria-owns", "aria-activedescendant", "aria-details", "aria-errormessage", "aria-flowto"}
# Attributes holding an address a page's part must rebase (it moves to the print page's folder).
ADDRESSES = {"href", "src", "poster"}
OTHER_SITE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)  # https:, mailto:, data:, //host
PAGE_ADDRESS = ("", ".html", ".htm")  # an address ending so is a page; any other, a file
SITE = "http://site/"  # a stand-in root to resolve relative addresses against


def printed(source: str) -> bool:
    """Whether the page at that source path ('modules/x/y.md') is on the print page."""
    return not any(fnmatch.fnmatch(source, pattern) for pattern in LEFT_OUT)


def page_for_print(html: str) -> str:
    """A page's content with its quizzes as questions to answer on paper (mkdocs-quiz's
    markup is read only in pages/quizzes.py)."""
    return quizzes.on_paper(html)


@dataclass(frozen=True)
class Page:
    title: str  # as text
    url: str  # as the engine gives it: 'modules/x/' ('modules/x.html' offline), '' for home
    html: str  # its content, as its own page shows it


@dataclass(frozen=True)
class Section:
    title: str
    children: tuple  # of Page and Section, in the navigation's order


@dataclass
class Entry:
    """A line of the table of contents: a section or a page, and where it starts."""
    title: str  # as HTML
    id: str
    children: list[Entry] = field(default_factory=list)


def part_id(url: str) -> str:
    """The id of a page's part of the print page, the same on the web and offline:
    'modules/01-foundations/' and 'modules/01-foundations/index.html' both give
    'modules-01-foundations'; the home page gives 'index'."""
    path = url.split("#", 1)[0]
    path = path[:-len("index.html")] if path.endswith("index.html") else path.removesuffix(".html")
    return path.strip("/").replace("/", "-").lower() or "index"


def whole_course(nav: list, print_url: str, cover: str = "") -> tuple[str, list[Entry]]:
    """The print page's content, and its table of contents (for the theme's sidebar too):
    the cover, the contents, then nav, the printed pages (Page) in their sections (Section),
    in order. A section with no page left in it has no title either.

    Raises ValueError when two parts would give the print page one id twice."""
    parts: list = []
    taken = {"print-course", "print-cover", "print-contents", "print-contents-title"}

    def add(items) -> list[Entry]:
        entries = []
        for item in items:
            if isinstance(item, Section):
                section_id = _unique("section-" + _slug(item.title), taken)
                before = len(parts)
                parts.append(f'<section class="print-section" id="{section_id}"><h1>{markup.escape(item.title)}</h1>')
                children = add(item.children)
                if not children:
                    del parts[before:]
                    continue
                parts.append("</section>")
                entries.append(Entry(markup.escape(item.title), section_id, children))
            else:
                part = _Part(item, print_url)
                parts.append(part)
                entries.append(Entry(markup.escape(item.title), part.id))
        return entries

    contents = add(nav)
    ids = _all_ids(taken, [part for part in parts if isinstance(part, _Part)])
    body = "".join(part if isinstance(part, str) else part.finished(ids) for part in parts)
    return ('<div id="print-course">' + cover
            + '<nav id="print-contents" aria-labelledby="print-contents-title">'
            + '<h1 id="print-contents-title">Table of Contents</h1>' + _contents_list(contents) + "</nav>"
            + body + "</div>"), contents


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "part"


def _unique(name: str, taken: set[str]) -> str:
    number, unique = 1, name
    while unique in taken:
        number += 1
        unique = f"{name}-{number}"
    taken.add(unique)
    return unique


def _all_ids(taken: set[str], parts: list[_Part]) -> set[str]:
    owner = dict.fromkeys(taken, "the print page")
    for part in parts:
        for element_id in part.ids:
            if element_id in owner:
                raise ValueError(f"the print page would have the id {element_id!r} twice, from {owner[element_id]} "
                                 f"and from {part.url or 'the home page'} (courseware/html/printing.py)")
            owner[element_id] = part.url or "the home page"
    return set(owner)


def _contents_list(entries: list[Entry]) -> str:
    return "<ul>" + "".join(f'<li><a href="#{entry.id}">{entry.title}</a>'
                            + (_contents_list(entry.children) if entry.children else "") + "</li>"
                            for entry in entries) + "</ul>"


class _Link:
    """A link to somewhere in the course: within the print page if its target is there,
    else its words alone (start and end tag both go)."""

    def __init__(self, start_tag: str, target: str):
        self.start_tag, self.target = start_tag, target

    def text(self, ids: set[str]) -> str:
        return self.start_tag if self.target in ids else ""


class _LinkEnd:
    def __init__(self, link: _Link):
        self.link = link

    def text(self, ids: set[str]) -> str:
        return "</a>" if self.link.target in ids else ""


class _Part(HTMLParser):
    """One page's part of the print page: its HTML read once, with the edits that make it
    a part (ids, links, left-out elements) kept by their place in it; everything else is
    kept byte for byte."""

    def __init__(self, page: Page, print_url: str):
        super().__init__(convert_charrefs=False)
        self.url, self.title, self.print_url = page.url, page.title, print_url
        self.id = part_id(page.url)
        self.ids: list[str] = [self.id]
        self.html = page_for_print(page.html)
        self.edits: list[tuple[int, int, object]] = []  # (start, end, replacement)
        self.first_heading = ""
        self._lines = [0] + [m.end() for m in re.finditer("\n", self.html)]
        self._left_out: list | None = None  # [tag, depth, start] while inside a left-out element
        self._link: _Link | None = None
        self.feed(self.html)
        self.close()

    def finished(self, ids: set[str]) -> str:
        """The part, given every id on the print page (a link to one not there loses its link)."""
        out, at = [f'<section class="print-page" id="{self.id}">'], 0
        if self.first_heading != "h1":  # every part starts with its title, as a page does
            out.append(f"<h1>{markup.escape(self.title)}</h1>")
        for start, end, replacement in self.edits:
            out += [self.html[at:start], replacement if isinstance(replacement, str) else replacement.text(ids)]
            at = end
        out += [self.html[at:], "</section>"]
        return "".join(out)

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs, self_closing=False)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs, self_closing=True)

    def handle_endtag(self, tag):
        if self._left_out:
            if tag == self._left_out[0]:
                self._left_out[1] -= 1
                if self._left_out[1] == 0:
                    self.edits.append((self._left_out[2], self._tag_end(), ""))
                    self._left_out = None
            return
        if tag == "a" and self._link:
            self.edits.append((self._offset(), self._tag_end(), _LinkEnd(self._link)))
            self._link = None

    def _tag_end(self) -> int:
        return self.html.index(">", self._offset()) + 1

    def _start(self, tag: str, attrs: list, self_closing: bool):
        if self._left_out:
            if tag == self._left_out[0] and not self_closing:
                self._left_out[1] += 1
            return
        start = self._offset()
        end = start + len(self.get_starttag_text())
        classes = (dict(attrs).get("class") or "").split()
        if tag in LEFT_OUT_ELEMENTS or LEFT_OUT_CLASSES.intersection(classes):
            if self_closing or tag in VOID:  # no end tag to wait for
                self.edits.append((start, end, ""))
            else:
                self._left_out = [tag, 1, start]
            return
        if not self.first_heading and re.fullmatch(r"h[1-6]", tag):
            self.first_heading = tag
        target, changed = None, []
        for name, value in attrs:
            new = value
            if value is not None:
                if name == "id":
                    new = f"{self.id}-{value}"
                    self.ids.append(new)
                elif name in ID_REFERENCES or (name == "name" and tag == "input"):
                    new = " ".join(f"{self.id}-{token}" for token in value.split())
                elif name in ADDRESSES:
                    new, target = self._address(value, tag == "a" and name == "href")
            changed.append((name, new))
        if changed == attrs:
            return
        rebuilt = f"<{tag}" + "".join(f" {name}" if value is None else f' {name}="{markup.escape(value)}"'
                                      for name, value in changed) + (" />" if self_closing else ">")
        if target is not None:
            self._link = _Link(rebuilt, target)
            self.edits.append((start, end, self._link))
        else:
            self.edits.append((start, end, rebuilt))

    def _address(self, value: str, is_link: bool) -> tuple[str, str | None]:
        """An address as the print page needs it, and the id it leads to when it is a link
        within the course (None for a link elsewhere, or a file)."""
        if OTHER_SITE.match(value) or value == "#" or not value:
            return value, None
        if value.startswith("#"):
            target = f"{self.id}-{unquote(value[1:])}"
            return "#" + target, target if is_link else None
        resolved = urlsplit(urljoin(SITE + self.url, value))
        path = resolved.path.lstrip("/")
        if posixpath.splitext(path)[1] not in PAGE_ADDRESS:  # a file: from the print page's folder
            return relative_url(path, self.print_url) + (f"#{resolved.fragment}" if resolved.fragment else ""), None
        target = part_id(path) + (f"-{unquote(resolved.fragment)}" if resolved.fragment else "")
        return "#" + target, target if is_link else None


def cover_page(title: str, description: str = "", version: str = "", released: str = "",
               organisation: str = "") -> str:
    """The whole-course document's first page: what it is, which release and whose, so a
    copy printed or sent on says so. A working build, which is no release, gives no version."""
    lines = [f"<h1>{markup.escape(title)}</h1>"]
    if description:
        lines.append(f'<p class="print-cover__about">{markup.escape(description)}</p>')
    if version:
        when = f", released {long_date(released)}" if released else ""
        lines.append(f'<p class="print-cover__release">Version {markup.escape(version)}{markup.escape(when)}</p>')
    if organisation:
        lines.append(f'<p class="print-cover__organisation">{markup.escape(organisation)}</p>')
    return '<section id="print-cover" class="print-cover">' + "".join(lines) + "</section>"


def long_date(day: str) -> str:
    """'2025-11-23' as a cover says it: '23 November 2025'; anything else as it is."""
    try:
        when = date.fromisoformat(day)
    except ValueError:
        return day
    return f"{when.day} {MONTHS[when.month - 1]} {when.year}"


# In English whatever the machine's locale, as the rest of the course is.
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
