"""The practice notebook and the action plan.

Every practice or reflection activity in a lesson (the `##` or `###` section that holds a
collapsed `??? success "Model answer"` or `??? success "Check your work"`) gets a box,
just before its model answer, where the learner writes their own answer first. Every
"This week on the floor" checklist item in a module summary becomes a box to tick. Both
are kept in the learner's browser only (docs/assets/javascripts/store.js), and
the page "My notebook" (`<!-- notebook -->` and `<!-- notebook plan -->` in
docs/notebook.md) gathers them, to read, print or download. The 30-60-90-day plan
(`floor/plan.md`) is written the way a lesson's activities are, a box before each stage's
"Check your work", so its aims are kept, gathered, printed and carried in the progress
file as the other answers are.

The markup is written at build time, in full, so nothing moves when notebook.js fills it
in; without JavaScript the box stays hidden and the checklist stays as it was, so the page
works as it always did.

Keys, the same on the web, offline and in every release (never a URL or a version):
- an activity: the page's source path without `.md`, "#", the heading's id, e.g.
  `modules/02-coaching/grow-and-sbi#practice-write-it-before-you-say-it`;
- a plan item: `plan:<module folder>:` and the first 10 hex digits of the SHA-256 of the
  item's source text with its whitespace collapsed. The source text, not what the page
  shows: an organisation filling in `{{ org.… }}` settings must not lose anyone's ticks.

In pages/ by its main concern, the notebook page and boxes; it also scans the lessons'
activities (model) and writes the boxes into the finished HTML, which only this module knows.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from markdown.extensions.toc import slugify, unique

from ..contract import Classes, Data
from ..model.course import module_info
from ..model.errors import CourseError
from .progress import STORE_SCRIPT, relative_url, store_script
from ..model.text_keys import stable_key

PAGE = "notebook.md"
# The one page outside the modules whose activities the notebook keeps: the new team
# leader's own aims for day 30, 60 and 90, gathered after the modules' answers.
FLOOR_PLAN = "floor/plan.md"
FLOOR_GROUP = "On the floor"  # its heading in "My notebook", as the navigation names its section
SCRIPT = "assets/javascripts/notebook.js"
MARKER = re.compile(r"^<!--\s*notebook(?:\s+(?P<part>actions|plan))?\s*-->[ \t]*$", re.M)

ANSWER = re.compile(r'^\?\?\?\+? success "(?P<kind>Model answer|Check your work)"\s*$')
HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$")
EXPLICIT_ID = re.compile(r"\s*\{:?\s*#(?P<id>[\w-]+)[^}]*\}\s*$")
PRACTICE = re.compile(r"^(Practice|Reflect):")
TASK = re.compile(r"^- \[[ xX]\] +(?P<text>\S.*?)\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
MODULE_PAGE = re.compile(r"^modules/(?P<module>[^/]+)/(?P<page>[^/]+)\.md$")

EMPTY_TEXT = "Not written yet"
# Printed (and in the downloaded document) when no answer is written: a print-out only of
# what is written, not pages of "Not written yet".
NOTHING_WRITTEN = ("You have not written any answers yet. Each practice task in the lessons has a box for "
                   "yours, just above its model answer.")
HINTS = {"Model answer": "Write your answer here first, then compare it with the model answer.",
         "Check your work": "Write your answer here first, then check it against the list under \u201cCheck "
                            "your work\u201d."}


@dataclass(frozen=True)
class Activity:
    src: str      # the page, e.g. modules/02-coaching/grow-and-sbi.md
    line: int     # of the model answer, for error messages
    title: str    # the heading's words
    anchor: str   # the heading's id
    kind: str     # "Model answer" or "Check your work"

    @property
    def id(self) -> str:
        return f"{self.src.removesuffix('.md')}#{self.anchor}"

    @property
    def dom_id(self) -> str:
        """An HTML id unique in the whole course (pages are printed together)."""
        return "notebook-" + re.sub(r"[^a-z0-9]+", "-", self.id.removeprefix("modules/").lower()).strip("-")


@dataclass(frozen=True)
class PlanItem:
    src: str      # the module's summary.md
    line: int
    module: str   # the module's folder, e.g. 02-coaching
    text: str     # as written in the source, `{{ org.… }}` and all
    anchor: str   # the id of the heading the checklist sits under

    @property
    def id(self) -> str:
        return plan_item_id(self.module, self.text)


@dataclass
class Module:
    name: str
    title: str
    page_order: list[str]
    page_titles: dict[str, str]


@dataclass
class Notebook:
    activities: list[Activity] = field(default_factory=list)
    plan: list[PlanItem] = field(default_factory=list)
    modules: list[Module] = field(default_factory=list)
    floor_plan_title: str = ""  # the 30-60-90-day plan's title, when the course has that page

    def on_page(self, src: str) -> list[Activity]:
        return [a for a in self.activities if a.src == src]

    def plan_on_page(self, src: str) -> list[PlanItem]:
        return [p for p in self.plan if p.src == src]


def plan_item_id(module: str, text: str) -> str:
    return f"plan:{module}:" + stable_key(text)


# --- reading the sources ------------------------------------------------------------------

def _plain(heading: str) -> str:
    """A heading's words as the page shows them: no markdown, no HTML."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"(\*\*|__|\*|`)", "", text)
    return " ".join(text.split())


def _lines(text: str):
    """(number, line) for each line outside fenced code."""
    inside = False
    for number, line in enumerate(text.splitlines(), 1):
        if FENCE.match(line):
            inside = not inside
            continue
        if not inside:
            yield number, line


def headings(text: str) -> list[tuple[int, int, str, str]]:
    """(line, level, words, id) of every heading, with the ids the engine's table of
    contents gives them (the same slugify, made unique in the same order)."""
    found, used = [], set()
    for number, line in _lines(text):
        match = HEADING.match(line)
        if not match:
            continue
        words = match["text"]
        explicit = EXPLICIT_ID.search(words)
        if explicit:
            words = words[:explicit.start()]
            anchor = explicit["id"]
            used.add(anchor)
        else:
            anchor = unique(slugify(html.unescape(_plain(words)), "-"), used)
        found.append((number, len(match["hashes"]), _plain(words), anchor))
    return found


def activities_in(src: str, text: str) -> tuple[list[Activity], list[str]]:
    """The page's activities, and what is wrong with them as `FILE:LINE: …`."""
    file = f"docs/{src}"
    heads = headings(text)
    activities: list[Activity] = []
    errors: list[str] = []
    by_section: dict[int, int] = {}
    for number, line in _lines(text):
        answer = ANSWER.match(line)
        if not answer:
            continue
        section = next((h for h in reversed(heads) if h[0] < number and h[1] in (2, 3)), None)
        if section is None:
            errors.append(f"{file}:{number}: a model answer must sit in a '##' or '###' practice section, "
                          "so the learner's notebook can name it")
            continue
        if section[0] in by_section:
            errors.append(f"{file}:{number}: '{section[2]}' already has a model answer (line "
                          f"{by_section[section[0]]}); give each activity a section of its own")
            continue
        by_section[section[0]] = number
        activities.append(Activity(src, number, section[2], section[3], answer["kind"]))
    for index, (number, level, words, _anchor) in enumerate(heads):
        if level not in (2, 3) or not PRACTICE.match(words):
            continue
        end = next((h[0] for h in heads[index + 1:] if h[1] <= level), float("inf"))
        if not any(number < line < end for line in by_section.values()):
            errors.append(f"{file}:{number}: '{words}' has no model answer: add ??? success \"Model answer\" "
                          "(or \"Check your work\" for a rubric) after the task, so a learner can compare")
    return activities, errors


def plan_items_in(src: str, text: str, module: str) -> tuple[list[PlanItem], list[str]]:
    heads = headings(text)
    items: list[PlanItem] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for number, line in _lines(text):
        task = TASK.match(line)
        if not task:
            continue
        section = next((h for h in reversed(heads) if h[0] < number), None)
        item = PlanItem(src, number, module, task["text"], section[3] if section else "")
        if item.id in seen:
            errors.append(f"docs/{src}:{number}: the same checklist item as line {seen[item.id]}; "
                          "each item is ticked on its own, so say it once")
            continue
        seen[item.id] = number
        items.append(item)
    return items, errors


def scan(pages: dict[str, str], modules: list | None = None) -> Notebook:
    """Every activity and plan item of the course's module pages (src -> markdown), with the
    modules the course check has read already (course.Course.modules), if it has.
    Raises CourseError with every problem at once."""
    notebook = Notebook()
    errors: list[str] = []
    names = sorted({m["module"] for src in pages if (m := MODULE_PAGE.match(src))})
    checked = {module.name: module for module in modules or []}
    for name in names:
        # A module's own problems are the quiz check's to report.
        module = checked[name] if name in checked else module_info(name, pages)[0]
        notebook.modules.append(Module(name, module.title, module.page_order, module.page_titles))
        order = {src: i for i, src in enumerate(module.page_order)}
        for src in sorted((s for s in pages if s.startswith(f"modules/{name}/") and MODULE_PAGE.match(s)),
                          key=lambda s: (order.get(s, len(order)), s)):
            if PurePosixPath(src).name == "summary.md":
                items, problems = plan_items_in(src, pages[src], name)
                notebook.plan += items
            else:
                found, problems = activities_in(src, pages[src])
                notebook.activities += found
            errors += problems
    if FLOOR_PLAN in pages:
        found, problems = activities_in(FLOOR_PLAN, pages[FLOOR_PLAN])
        notebook.activities += found
        errors += problems
        if not found:
            errors.append(f"docs/{FLOOR_PLAN}:1: the 30-60-90-day plan has no box to write in: give each stage "
                          "a '###' section with a ??? success \"Check your work\" after its task")
        notebook.floor_plan_title = next((words for _, level, words, _ in headings(pages[FLOOR_PLAN]) if level == 1),
                                         "My 30-60-90-day plan")
    if errors:
        raise CourseError(errors, "The practice notebook cannot be made:")
    return notebook


# --- lesson and summary pages ---------------------------------------------------------------

ANSWER_HTML = re.compile(r'<details class="success"(?P<open>\s+open(?:="open")?)?>(?P<space>\s*)'
                         r"<summary>(?P<kind>Model answer|Check your work)</summary>")
SECTION_HTML = re.compile(r'<h(?P<level>[23])\b[^>]*\bid="(?P<id>[^"]+)"')
TASK_HTML = re.compile(r'<li class="task-list-item"><label class="task-list-control">'
                       r'<input type="checkbox" disabled(?P<checked>[^>]*?\bchecked)?[^>]*>'
                       r'<span class="task-list-indicator"></span></label>\s*(?P<text>.*?)</li>', re.S)


def entry(activity: Activity, notebook_link: str | None) -> str:
    """The box for the learner's own answer, hidden until notebook.js can keep what is
    written. Left out of search, which would otherwise find its words in every lesson."""
    dom_id = activity.dom_id
    more = (f' <a href="{html.escape(notebook_link)}">My notebook</a> gathers all your answers.'
            if notebook_link else "")
    return (f'<div class="course-notebook-entry" {Data.NOTEBOOK_ENTRY}="{html.escape(activity.id)}" '
            'data-search-exclude hidden>'
            f'<label class="course-notebook-entry__label" for="{dom_id}">Your answer'
            f'<span class="visually-hidden"> to \u201c{html.escape(activity.title)}\u201d</span></label>'
            f'<p class="course-notebook-entry__hint" id="{dom_id}-hint">{HINTS[activity.kind]} It stays in this '
            f'browser and is sent nowhere.{more}</p>'
            f'<textarea class="course-notebook-entry__text" id="{dom_id}" rows="8" '
            f'aria-describedby="{dom_id}-hint" {Data.NOTEBOOK_TEXT}></textarea>'
            '<p class="course-notebook-entry__status" role="status"></p></div>')


def add_entries(page_html: str, src: str, activities: list[Activity], notebook_link: str | None) -> str:
    """Each activity's box, just before its model answer. The activity found in the
    finished HTML must be the one read from the source, heading id and all: the id is the
    key the learner's answer is kept under."""
    found = []
    for answer in ANSWER_HTML.finditer(page_html):
        section = None
        for section in SECTION_HTML.finditer(page_html, 0, answer.start()):
            pass
        found.append((answer, section["id"] if section else None))
    if len(found) != len(activities):
        raise CourseError(f"docs/{src}:1: {len(activities)} model answers in the source but {len(found)} "
                          "on the built page: is one inside another block?")
    out, last = [], 0
    for (answer, section_id), activity in zip(found, activities):
        if section_id != activity.anchor:
            raise CourseError(f"docs/{src}:{activity.line}: the model answer's section has the id "
                              f"'{section_id}' on the built page, not '{activity.anchor}' as the notebook "
                              "expects: give its heading a plain title or an explicit {#id}")
        out += [page_html[last:answer.start()], entry(activity, notebook_link),
                f'<details class="success" {Data.NOTEBOOK_ANSWER}="{html.escape(activity.id)}"'
                f'{answer["open"] or ""}>{answer["space"]}<summary>{answer["kind"]}</summary>']
        last = answer.end()
    return "".join(out) + page_html[last:]


def add_plan_boxes(page_html: str, src: str, items: list[PlanItem]) -> str:
    """Each checklist item becomes a box the learner can tick, labelled by the item's own
    words; disabled until notebook.js can keep the tick, as the theme draws it today."""
    boxes = list(TASK_HTML.finditer(page_html))
    if len(boxes) != len(items):
        raise CourseError(f"docs/{src}:1: {len(items)} checklist items in the source but {len(boxes)} on the "
                          "built page: write each as one line, '- [ ] …'")
    out, last = [], 0
    for box, item in zip(boxes, items):
        checked = " checked" if box["checked"] else ""
        out += [page_html[last:box.start()],
                '<li class="task-list-item course-plan-item"><label class="task-list-control">'
                f'<input type="checkbox" {Data.PLAN_ITEM}="{html.escape(item.id)}" disabled{checked}>'
                f'<span class="task-list-indicator"></span> {box["text"].strip()}</label></li>']
        last = box.end()
    return "".join(out) + page_html[last:]


def scripts(page_url: str, storage_name: str, page_html: str = "") -> str:
    """notebook.js, after the course's store unless the page (its quizzes or progress) loads it already."""
    store = "" if f'src="{relative_url(STORE_SCRIPT, page_url)}"' in page_html else store_script(page_url, storage_name)
    return store + f'<script src="{relative_url(SCRIPT, page_url)}" defer></script>'


def finish_page(page_html: str, src: str, page_url: str, notebook: Notebook, urls: dict[str, str],
                storage_name: str) -> str:
    """A page's finished HTML with its notebook boxes, plan boxes and the scripts they need."""
    activities, items = notebook.on_page(src), notebook.plan_on_page(src)
    if src == PAGE and f'{Data.NOTEBOOK_PLAN_MODULE}="' in page_html:  # its `<!-- notebook plan -->`
        items = notebook.plan
    if activities:
        link = relative_url(urls[PAGE], page_url) if PAGE in urls else None
        page_html = add_entries(page_html, src, activities, link)
    if items:
        page_html = add_plan_boxes(page_html, src, items)
    if activities or items or src == PAGE:
        page_html += scripts(page_url, storage_name, page_html)
    return page_html


# --- the page "My notebook" --------------------------------------------------------------------

def _actions(course_title: str) -> str:
    return (f'<div class="course-notebook-actions" {Data.NOTEBOOK_ACTIONS} '
            f'{Data.COURSE_TITLE}="{html.escape(course_title)}">'
            f'<button type="button" class="md-button md-button--primary" {Data.NOTEBOOK_PRINT}>Print</button> '
            f'<button type="button" class="md-button" {Data.NOTEBOOK_DOWNLOAD}>Download as a document</button>'
            '<p class="course-notebook-status" role="status"></p></div>')


def _answers(notebook: Notebook, urls: dict[str, str], page_url: str) -> str:
    def link(src: str, anchor: str = "") -> str:
        return html.escape(relative_url(urls[src], page_url) + (f"#{anchor}" if anchor else ""))
    # Shown by notebook.js, on paper only, when nothing is written: the screen keeps every
    # task, each a link to where to write it.
    parts = [f'<p class="course-notebook-nothing" {Data.NOTEBOOK_NOTHING} hidden>{html.escape(NOTHING_WRITTEN)}</p>']
    # (title, anchor, activities, page titles): each module, then the 30-60-90-day plan.
    groups = [(m.title, f"notebook-{m.name}", [a for a in notebook.activities if a.src.startswith(f"modules/{m.name}/")],
               m.page_titles) for m in notebook.modules]
    if notebook.floor_plan_title:
        groups.append((FLOOR_GROUP, "notebook-floor-plan", notebook.on_page(FLOOR_PLAN),
                       {FLOOR_PLAN: notebook.floor_plan_title}))
    for group_title, group_anchor, activities, page_titles in groups:
        if not activities:
            continue
        parts.append(f"### {group_title} {{#{group_anchor}}}")
        blocks = [f'<div class="course-notebook-module" {Data.NOTEBOOK_MODULE}="{html.escape(group_title)}">']
        for src in dict.fromkeys(a.src for a in activities):
            title = page_titles.get(src) or PurePosixPath(src).stem
            # Out of search, which should find a lesson's words on the lesson. A section, as
            # the search plugin ends an exclusion at the first closing tag of the same name.
            blocks.append(f'<section class="course-notebook-lesson" {Data.NOTEBOOK_LESSON}="{html.escape(title)}" '
                          f'data-search-exclude><h4><a href="{link(src)}">{html.escape(title)}</a></h4>')
            for activity in (a for a in activities if a.src == src):
                blocks.append(
                    f'<div class="course-notebook-view" {Data.NOTEBOOK_VIEW}="{html.escape(activity.id)}">'
                    f'<h5><a href="{link(src, activity.anchor)}">{html.escape(activity.title)}</a></h5>'
                    f'<p class="course-notebook-view__text {Classes.NOTEBOOK_VIEW_EMPTY}" '
                    f'{Data.NOTEBOOK_VIEW_TEXT}>{EMPTY_TEXT}</p></div>')
            blocks.append("</section>")
        parts.append("".join(blocks) + "</div>")
    return "\n\n".join(parts)


def _plan(notebook: Notebook) -> str:
    parts = []
    for module in notebook.modules:
        items = [p for p in notebook.plan if p.module == module.name]
        if not items:
            continue
        # Markdown, so the items read as on the summary (organisation settings and all);
        # links are source paths, which the engine checks and turns into addresses.
        summary = items[0].src
        parts += [f"### {module.title} {{#notebook-plan-{module.name}}}",
                  f'<div class="course-notebook-plan" {Data.NOTEBOOK_PLAN_MODULE}="{html.escape(module.title)}" '
                  "data-search-exclude markdown>",
                  "\n".join(f"- [ ] {item.text}" for item in items),
                  "</div>",
                  f"[Open the {module.title.split(':')[0]} summary]({summary}#{items[0].anchor})"]
    return "\n\n".join(parts)


def expand_markers(markdown: str, notebook: Notebook, urls: dict[str, str], page_url: str,
                   course_title: str) -> str:
    """`<!-- notebook -->` becomes every activity, by module and lesson, with room for the
    learner's text; `<!-- notebook plan -->` every plan item, by module; `<!-- notebook
    actions -->` the Print and Download buttons."""
    def part(match: re.Match) -> str:
        if match["part"] == "plan":
            return "\n" + _plan(notebook) + "\n"
        if match["part"] == "actions":
            return "\n" + _actions(course_title) + "\n"
        return "\n" + _answers(notebook, urls, page_url) + "\n"
    return MARKER.sub(part, markdown)
