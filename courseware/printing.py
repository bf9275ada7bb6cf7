"""The whole-course print page: each page's finished HTML, with quizzes as questions to
answer on paper.

mkdocs-quiz's interactive markup needs its script and style, which the combined page
does not load, and would show every answer: on the print page each quiz becomes its
question and options, with room to write.
"""
from __future__ import annotations

import html as markup
import re
import subprocess
import time
from datetime import date
from pathlib import Path

from .html_fixes import valid_page

QUIZ = re.compile(r'<div class="quiz[ "].*?</section>\s*</div>', re.S)
QUIZ_ASSETS = re.compile(r'<link rel="stylesheet" href="[^"]*assets/quiz/[^"]*">'
                         r'|<script src="[^"]*assets/(?:quiz|javascripts)/[^"]*"[^>]*></script>')
# The progress widgets need the progress script, which the print page does not load.
PROGRESS_WIDGET = re.compile(r'<div class="(?:course-progress|quiz-page-progress)"')
DIV_TAG = re.compile(r"<div\b|</div>")
# print-site writes numbering rules for every heading inline even with numbering off, and
# a `heading-number` attribute that HTML does not have (checker: "Attribute not allowed").
NUMBERING_STYLE = re.compile(r"<style>\s*\.print-site-enumerate-headings.*?</style>", re.S)
HEADING_NUMBER = re.compile(r"""\sheading-number=(["'])[^"']*\1""")
# A nav section whose pages are all left out (the trainers' section) leaves a title alone.
EMPTY_SECTION = re.compile(r"\s*<section class='print-page md-section' id='(?P<id>section-[\d-]+)'>\s*<h1>(?:(?!</h1>).)*</h1>"
                           r"\s*</section>", re.S)
ANCHOR_LINK = re.compile(r'<a\b(?P<attrs>[^>]*?)\shref="#(?P<id>[^"]*)"(?P<rest>[^>]*)>(?P<text>.*?)</a>', re.S)


# print-site adds its script and stylesheets to every page; only the print page uses them.
# On any other page they were two render-blocking stylesheets and a script for nothing
# (course.css keeps the A4 page and its number for printing one page).
PRINT_SITE_ASSETS = re.compile(r'<link\b[^>]*\bhref="[^"]*css/print-site(?:-[a-z]+)?\.css"[^>]*>\s*'
                               r'|<script\b[^>]*\bsrc="[^"]*js/print-site\.js"[^>]*></script>\s*')


def without_print_site_assets(html: str) -> str:
    """A page other than the print page, without print-site's script and stylesheets."""
    return PRINT_SITE_ASSETS.sub("", html)


def printable_quiz(match: re.Match) -> str:
    quiz = match.group(0)
    question = re.search(r'<div class="quiz-question"[^>]*>(.*?)</div>', quiz, re.S)
    text = question.group(1) if question else ""
    text = re.sub(r"<input[^>]*quiz-blank-input[^>]*>", "__________", text)
    options = re.findall(r"<label[^>]*>(.*?)</label>", quiz, re.S)
    items = "".join(f"<li>{option}</li>" for option in options)
    return (f'<div class="print-question">{text}'
            + (f'<ul class="print-question__options">{items}</ul>' if items else "")
            + '<div class="write-here" aria-hidden="true"></div></div>')


def page_for_print(html: str) -> str:
    """A page's content as the print page shows it."""
    return without_blocks(PROGRESS_WIDGET, QUIZ_ASSETS.sub("", QUIZ.sub(printable_quiz, html)))


def without_blocks(start: re.Pattern, html: str) -> str:
    """html without each <div> that start matches, its nested divs and all."""
    while match := start.search(html):
        depth, end = 0, len(html)
        for tag in DIV_TAG.finditer(html, match.start()):
            depth += 1 if tag.group(0) == "<div" else -1
            if depth == 0:
                end = tag.end()
                break
        html = html[:match.start()] + html[end:]
    return html


def finish_print_page(html: str, cover: str = "") -> str:
    """The combined print page, once written: valid, every link on it goes somewhere, and
    the cover (cover_page) first.

    print-site turns a link to another page into a link to that page's part of the print
    page; a page left out of the print page (the trainers' section) would leave a link
    to nowhere, so such a link keeps its words and loses the link. print-site writes the
    page after the engine's page events, so the theme's HTML is made valid here too."""
    html = drop_empty_sections(valid_page(HEADING_NUMBER.sub("", NUMBERING_STYLE.sub("", html))))
    if cover:
        html = with_cover(html, cover)
    ids = set(re.findall(r"""\sid=["']([^"']+)["']""", html))

    def link(match: re.Match) -> str:
        return match.group(0) if match["id"] in ids or not match["id"] else match["text"]
    return ANCHOR_LINK.sub(link, html)


# print-site's wrapper of the whole print page; its own cover option would go first in it.
PRINT_SITE_PAGE = re.compile(r"""<div id=["']?print-site-page["']?[^>]*>""")


def cover_page(title: str, description: str = "", version: str = "", released: str = "",
               organisation: str = "") -> str:
    """The whole-course document's first page: what it is, which release and whose, so a
    copy printed or sent on says so. A working build, which is no release, gives no version.
    print-site's own id, so its print style (a page of its own, centred) applies."""
    lines = [f"<h1>{markup.escape(title)}</h1>"]
    if description:
        lines.append(f'<p class="print-cover__about">{markup.escape(description)}</p>')
    if version:
        when = f", released {long_date(released)}" if released else ""
        lines.append(f'<p class="print-cover__release">Version {markup.escape(version)}{markup.escape(when)}</p>')
    if organisation:
        lines.append(f'<p class="print-cover__organisation">{markup.escape(organisation)}</p>')
    return '<section id="print-site-cover-page" class="print-cover">' + "".join(lines) + "</section>"


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


def with_cover(html: str, cover: str) -> str:
    """The print page with the cover first, before the table of contents. A print-site that
    no longer writes its wrapper stops the build, rather than losing the cover unseen."""
    match = PRINT_SITE_PAGE.search(html)
    if not match:
        raise ValueError("the print page has no print-site-page wrapper to put the cover in: "
                         "mkdocs-print-site-plugin has changed its page (courseware/printing.py)")
    return html[:match.end()] + cover + html[match.end():]


def drop_empty_sections(html: str) -> str:
    """Sections with a title and nothing else, and their entries in the contents."""
    removed: list[str] = []
    while True:  # inner sections first: their parent is empty once they have gone
        shorter = EMPTY_SECTION.sub(lambda m: removed.append(m["id"]) or "", html)
        if shorter == html:
            break
        html = shorter
    for section in removed:
        html = re.sub(rf'\s*<li class="md-nav__item">\s*<a href="#{section}"[^>]*>(?:(?!</a>).)*</a>'
                      r"\s*(?:<nav[^>]*>\s*<ul[^>]*>\s*</ul>\s*</nav>\s*)?</li>", "", html, flags=re.S)
    return html


def print_to_pdf(print_page: Path, out: Path, epoch: int, chromium: str) -> bool:
    """The whole course as a PDF, printed by headless Chromium from the offline build's
    print page (file://, so nothing is fetched). Its dates are the commit's, so the same
    commit gives the same bytes. False when that Chromium is not installed.

    Bookmarks (the PDF's outline) come from the headings, so a reader can jump to any
    module, page or section of a document of some 400 pages; Chromium tags the PDF (its
    structure for screen readers) by itself. The page number at each page's foot is the
    print stylesheet's (course.css, @page)."""
    if not Path(chromium).exists():
        return False
    result = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--no-pdf-header-footer",
         "--generate-pdf-document-outline", "--virtual-time-budget=20000", f"--print-to-pdf={out}",
         print_page.as_uri()],
        capture_output=True, text=True, timeout=300)
    if result.returncode != 0 or not out.exists():
        raise RuntimeError(f"Chromium could not print the course: {result.stderr.strip()[-500:]}")
    out.write_bytes(reproducible_pdf(out.read_bytes(), epoch))
    return True


STRUCTURE_ID = re.compile(rb"\(node(\d{8})\)")


def reproducible_pdf(pdf: bytes, epoch: int) -> bytes:
    """Chromium's PDF with the parts that vary from run to run made stable: its dates
    become the commit's, and the tagged-PDF structure ids, which are DOM node numbers
    and shift when the machine is busy, are numbered in order from 1. Each replacement
    has the length of what it replaces, so the cross-reference offsets still hold, and
    the renumbering keeps the ids' order, so the sorted ID tree stays sorted."""
    stamp = time.strftime("D:%Y%m%d%H%M%S+00'00'", time.gmtime(epoch)).encode()
    pdf = re.sub(rb"D:\d{14}\+00'00'", stamp, pdf)
    numbers = sorted(set(STRUCTURE_ID.findall(pdf)))
    renumbered = {old: b"%08d" % rank for rank, old in enumerate(numbers, 1)}
    return STRUCTURE_ID.sub(lambda m: b"(node" + renumbered[m.group(1)] + b")", pdf)
