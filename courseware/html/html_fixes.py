"""Valid, accessible HTML where the theme and the markdown extensions fall short.

Each fix names what the W3C HTML checker or axe-core reports without it. They are
applied to the engine's output, so the templates stay the theme's own.
"""
from __future__ import annotations

import html
import re

from ..contract import Data

TASK_BOX = re.compile(r'<input type="checkbox" disabled(?P<checked>\s*checked)?\s*/?>')


def name_task_boxes(html: str) -> str:
    """pymdownx.tasklist draws each checklist box as a disabled checkbox with no label,
    which screen readers announce as a bare "checkbox" (axe: label). Name it by state."""
    def named(match: re.Match) -> str:
        state = "Done" if match["checked"] else "To do"
        return f'<input type="checkbox" disabled{match["checked"] or ""} aria-label="{state}">'
    return TASK_BOX.sub(named, html)


# Material's toggles are checkboxes with autocomplete="off", which HTML allows only on
# text-like inputs (checker: "Attribute autocomplete is only allowed when the input type
# is…"). It stops Firefox restoring a toggle's state on reload; without it a drawer
# may stay open after a reload there, which is harmless.
CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')
# Material writes tabindex="" on a section's label (checker: "The empty string is not a
# valid integer"); an empty tabindex means the default, so it goes. (A plain string:
# a pattern that starts with whitespace was a third of this module's time.)
EMPTY_TABINDEX = ' tabindex=""'
ID = re.compile(r'\sid="([^"]+)"')
LABEL_FOR = re.compile(r'<label\b[^>]*\bfor="(?P<id>[^"]+)"[^>]*>')
# MaterialX (Material's fork) writes two toggles with id="__toc" (checker: Duplicate ID): its
# own table-of-contents drawer in base.html, marked data-md-toggle="toc" (the one its script
# looks up), and Material's toggle for the active page in the sidebar, which its stylesheet
# hides. Every label for="__toc" already names the first, so the second, unused one goes.
# Material writes only the second, so its pages are left as they are.
THEME_TOC_TOGGLE = 'data-md-toggle="toc"'
NAV_TOC_TOGGLE = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'
# Material's search is a dialog with no name (Lighthouse and axe: aria-dialog-name).
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def valid_page(html: str, search_name: str = "Search this course") -> str:
    """A whole page as the theme wrote it, made valid."""
    html = CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    html = html.replace(EMPTY_TABINDEX, "")
    if THEME_TOC_TOGGLE in html:
        html = html.replace(NAV_TOC_TOGGLE, "")
    ids = set(ID.findall(html))

    def label(match: re.Match) -> str:
        # A label for a control the page does not have (the table of contents' toggle on a
        # section's index page): checker "must be the ID of a non-hidden form control".
        if match["id"] in ids:
            return match.group(0)
        return match.group(0).replace(f' for="{match["id"]}"', "")
    html = LABEL_FOR.sub(label, html)
    return html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{search_name}">')


# --- tables on a phone ---------------------------------------------------------------------

TABLE = re.compile(r"<table>(?P<body>.*?)</table>", re.S)
HEADER_CELL = re.compile(r"<th\b[^>]*>(?P<text>.*?)</th>", re.S)
# A body cell: data, or a row's own header (the course record's module names).
DATA_CELL = re.compile(r"<(?P<tag>td|th)(?P<attrs>\s[^>]*)?>")
STACK_FROM_COLUMNS = 4  # narrower tables fit a phone's width as they are


def _plain(fragment: str) -> str:
    return html.escape(html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip(), quote=True)


def stack_wide_tables(page: str) -> str:
    """Tables of four or more columns are marked to stack on a phone (course.css): each
    row becomes a card and each cell is labelled with its column's header, from
    data-label. (No ARIA roles: HTML forbids them on a table's rows and cells.)"""
    def stack(match: re.Match) -> str:
        body = match["body"]
        head = re.search(r"<thead>.*?</thead>", body, re.S)
        labels = [_plain(m["text"]) for m in HEADER_CELL.finditer(head.group(0))] if head else []
        if len(labels) < STACK_FROM_COLUMNS:
            return match.group(0)

        def row(row_match: re.Match) -> str:
            cells = iter(labels)
            return DATA_CELL.sub(lambda c: f'<{c["tag"]}{c["attrs"] or ""} {Data.LABEL}="{next(cells, "")}">',
                                 row_match.group(0))
        # Rows may carry attributes of their own (the record's rows carry their question ids).
        rest = re.sub(r"<tr\b[^>]*>.*?</tr>", row, body[head.end():], flags=re.S)
        return f"<table {Data.STACK}>{body[:head.end()]}{rest}</table>"
    return TABLE.sub(stack, page)
