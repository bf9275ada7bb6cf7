"""The learner's progress, as the pages show it.

Answers stay in the learner's browser (docs/assets/javascripts/store.js). The build
writes each progress widget in full, as a learner who has answered nothing sees it, so
the page does not move when progress.js fills in the numbers; and a map of the course
(each module's pages and their question ids, in course order) for the "continue" action.

Markers: `<!-- progress -->` on the home page (the course, and where to go next);
`<!-- progress MODULE -->` on a module overview; `<!-- progress full -->` on "My
progress" (the table, and a reset). Every page with quizzes gets a small panel of its
own before its first question.
"""
from __future__ import annotations

import html
import json
import posixpath
import re

from ..contract import Classes, Data, Globals, Scripts
from ..model.course import Course

SCRIPT = "assets/javascripts/progress.js"
STORE_SCRIPT = Scripts.STORE  # the one browser store: answers and notebook
MAP = Scripts.PROGRESS_MAP
CODES = Scripts.QUESTION_CODES
PROGRESS_PAGE = "progress.md"
MARKER = re.compile(r"<!--\s*progress(?:\s+(?P<module>full|file|record|[0-9]{2}-[a-z0-9-]+))?\s*-->")
FILE_SCRIPT = "assets/javascripts/progress-file.js"
WIDGET_CLASS = Classes.COURSE_PROGRESS


def relative_url(target: str, page_url: str) -> str:
    """A site-root-relative URL as seen from a page's URL (as the engine writes both:
    'modules/x/' or 'modules/x.html', '' for the home page)."""
    base = page_url
    head, tail = posixpath.split(base)
    if "." in tail:
        base = head
    relative = posixpath.relpath("/" + target, "/" + base) if target or base else "."
    return relative + "/" if target.endswith("/") and not relative.endswith("/") else relative


def start_page(course: Course) -> str | None:
    """Where the course starts: the first module's overview. The home page's "Start the
    course" and its footer's "Next" both go there, not to the study tools listed after
    the home page in the navigation."""
    return f"modules/{course.modules[0].name}/index.md" if course.modules else None


def progress_map(course: Course, urls: dict[str, str], progress_url: str | None) -> dict:
    """urls: each page's src path -> its URL below the site root."""
    with_quizzes: dict[str, list[str]] = {}  # module folder -> its pages with quizzes, one pass
    for src, ids in course.page_quiz_ids.items():
        if ids and src.startswith("modules/"):
            with_quizzes.setdefault(src.split("/")[1], []).append(src)
    modules = []
    for module in course.modules:
        order = {src: i for i, src in enumerate(module.page_order)}
        pages = sorted(with_quizzes.get(module.name, []), key=lambda src: order.get(src, len(order)))
        modules.append({
            "id": module.name, "title": module.title, "url": urls[f"modules/{module.name}/index.md"],
            "pages": [{"title": module.page_titles.get(src, src), "url": urls[src],
                       "ids": course.page_quiz_ids[src]} for src in pages],
        })
    return {"modules": modules, "progressUrl": progress_url}


def progress_map_js(course: Course, urls: dict[str, str], progress_url: str | None) -> str:
    data = json.dumps(progress_map(course, urls, progress_url), ensure_ascii=False, separators=(",", ":"))
    return f"window.{Globals.PROGRESS_MAP}={data};\n"


def question_codes_js(course: Course) -> str:
    """Each question's code (banks.Question.code), for store.js: a saved answer whose code
    is not its question's code now was given to other options, and no longer counts."""
    data = json.dumps({q.id: q.code for q in course.questions.values()}, separators=(",", ":"))
    return f"window.{Globals.QUESTION_CODES}={data};\n"


# --- widgets, written in full at build time ----------------------------------------------

def _ids(ids: list[str]) -> str:
    return html.escape(" ".join(ids))


def summary(total: int, label: str) -> str:
    # Divs, not paragraphs: the widget may sit inside a block that markdown reads again.
    return (f'<div class="course-progress__summary"><progress max="{total}" value="0" aria-label="{label}">'
            f'</progress> <span {Data.PROGRESS_TEXT}>You have not answered any of the {total} questions yet.'
            '</span></div>')


def file_widget(storage_name: str, version: str) -> str:
    """Save progress to a file, load it on another computer, clear everything (progress-file.js)."""
    return (f'<div class="{Classes.PROGRESS_FILE}" {Data.COURSE}="{html.escape(storage_name)}" '
            f'{Data.VERSION}="{html.escape(version)}">'
            '<div class="course-progress-file__actions">'
            f'<button type="button" class="md-button md-button--primary" {Data.PROGRESS_SAVE}>'
            'Save my progress to a file</button> '
            # The input is hidden behind its label, which looks like the other buttons and
            # shows the input's keyboard focus (course.css).
            '<input type="file" id="course-progress-load" class="course-progress-file__input visually-hidden" '
            f'accept=".json,application/json" {Data.PROGRESS_LOAD}>'
            '<label class="md-button" for="course-progress-load">Load progress from a file</label> '
            # Clearing is the action a learner least often wants: a quiet text button, not a
            # button shaped like Save (course.css).
            f'<button type="button" class="course-progress-file__clear" {Data.PROGRESS_CLEAR_ALL}>'
            'Clear everything</button></div>'
            f'<div class="{Classes.PROGRESS_FILE_STATUS}" role="status" aria-live="polite"></div></div>')


def record_widget(course: Course, urls: dict[str, str], page_url: str, version: str) -> str:
    """A self-reported record of the course, module by module, to print (progress-file.js fills it in)."""
    data = progress_map(course, urls, urls.get(PROGRESS_PAGE))
    link = lambda url: html.escape(relative_url(url, page_url))  # noqa: E731
    rows = []
    for module in data["modules"]:
        ids = [i for p in module["pages"] for i in p["ids"]]
        rows.append(f'<tr {Data.QUIZ_IDS}="{_ids(ids)}" {Data.RECORD_MODULE}="{html.escape(module["id"])}">'
                    f'<th scope="row"><a href="{link(module["url"])}">{html.escape(module["title"])}</a></th>'
                    f'<td {Data.ANSWERED}>0 of {len(ids)}</td><td {Data.CORRECT}>0</td>'
                    f'<td {Data.NOTEBOOK_COUNT}>0</td></tr>')
    all_ids = [i for m in data["modules"] for p in m["pages"] for i in p["ids"]]
    version_text = f"version {html.escape(version)} of " if version else ""
    return (f'<div class="{WIDGET_CLASS}" {Data.MODULE}="record" {Data.QUIZ_IDS}="{_ids(all_ids)}">'
            + summary(len(all_ids), "Course progress")
            + f'<p>Made from what this browser holds for {version_text}the course, on '
            f'<span {Data.RECORD_DATE}>the day you print it</span>.</p>'
            '<table><caption>Self-check questions answered and answered correctly, and notebook entries '
            'written, by module</caption><thead><tr><th scope="col">Module</th><th scope="col">Answered</th>'
            '<th scope="col">Correct</th><th scope="col">Notebook entries</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table></div>")


def widget(scope: str, course: Course, urls: dict[str, str], page_url: str,
           storage_name: str = "course", version: str = "") -> str:
    """The HTML of one progress widget on the page at page_url."""
    if scope == "file":
        return file_widget(storage_name, version)
    if scope == "record":
        return record_widget(course, urls, page_url, version)
    data = progress_map(course, urls, urls.get(PROGRESS_PAGE))
    link = lambda url: html.escape(relative_url(url, page_url))  # noqa: E731
    all_ids = [i for m in data["modules"] for p in m["pages"] for i in p["ids"]]
    progress_link = (f'<a href="{link(data["progressUrl"])}">See your progress by module</a>'
                     if data["progressUrl"] is not None else "")
    if scope == "":
        first = data["modules"][0]["url"] if data["modules"] else ""
        return (f'<div class="{WIDGET_CLASS}" {Data.MODULE}="" {Data.QUIZ_IDS}="{_ids(all_ids)}">'
                + summary(len(all_ids), "Course progress")
                + f'<div class="course-progress__next"><a class="md-button md-button--primary" href="{link(first)}" '
                f'{Data.PROGRESS_NEXT}>Start the course</a> {progress_link}</div></div>')
    if scope == "full":
        rows = []
        for module in data["modules"]:
            ids = [i for p in module["pages"] for i in p["ids"]]
            rows.append(f'<tr class="course-progress__module" {Data.QUIZ_IDS}="{_ids(ids)}"><th scope="row">'
                        f'<a href="{link(module["url"])}">{html.escape(module["title"])}</a></th>'
                        f'<td>0 of {len(ids)}</td><td>0</td></tr>')
            rows += [f'<tr {Data.QUIZ_IDS}="{_ids(p["ids"])}"><td><a href="{link(p["url"])}">'
                     f'{html.escape(p["title"])}</a></td><td>0 of {len(p["ids"])}</td><td>0</td></tr>'
                     for p in module["pages"]]
        return (f'<div class="{WIDGET_CLASS}" {Data.MODULE}="full" {Data.QUIZ_IDS}="{_ids(all_ids)}">'
                + summary(len(all_ids), "Course progress")
                + '<table><caption>Questions answered and answered correctly, by module and page</caption>'
                '<thead><tr><th scope="col">Module or page</th><th scope="col">Answered</th>'
                '<th scope="col">Correct</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>"
                f'<div class="course-progress__actions"><button type="button" class="md-button" {Data.PROGRESS_RESET}>'
                'Reset my progress</button></div>'
                f'<div class="{Classes.COURSE_PROGRESS_STATUS}" role="status"></div></div>')
    module = next(m for m in data["modules"] if m["id"] == scope)
    ids = [i for p in module["pages"] for i in p["ids"]]
    return (f'<div class="{WIDGET_CLASS}" {Data.MODULE}="{scope}" {Data.QUIZ_IDS}="{_ids(ids)}">'
            + summary(len(ids), "Progress in this module") + "</div>")


def expand_markers(markdown: str, course: Course, urls: dict[str, str], page_url: str,
                   storage_name: str = "course", version: str = "") -> str:
    """Each progress marker becomes its widget (raw HTML the engine leaves as it is)."""
    return MARKER.sub(lambda m: "\n" + widget(m["module"] or "", course, urls, page_url, storage_name, version)
                      + "\n", markdown)


def page_panel(ids: list[str], progress_url: str | None) -> str:
    """The panel before a page's first question: this page's count, and a way to clear it."""
    link = f' <a href="{html.escape(progress_url)}">See your progress in the whole course</a>' if progress_url else ""
    return (f'<div class="{Classes.QUIZ_PAGE_PROGRESS}" {Data.QUIZ_IDS}="{_ids(ids)}">'
            f'<p {Data.PROGRESS_TEXT}>You have not answered any of the {len(ids)} questions on this page yet.</p>'
            f'<p class="quiz-page-progress__actions"><button type="button" class="md-button" {Data.PROGRESS_CLEAR} '
            f'disabled>Clear my answers on this page</button>{link}</p>'
            f'<p class="{Classes.QUIZ_PAGE_PROGRESS_STATUS}" role="status"></p></div>')


def store_script(page_url: str, storage_name: str) -> str:
    """The tag of the course's browser store (store.js), which every script that reads or
    writes saved data needs before it; data-course names the storage entries."""
    return (f'<script src="{relative_url(STORE_SCRIPT, page_url)}" {Data.COURSE}="{html.escape(storage_name)}" '
            'defer></script>')


def scripts(page_url: str, storage_name: str, with_map: bool, with_file: bool = False) -> str:
    """The scripts a page with progress or quizzes loads, in order, before the quiz script."""
    tags = [f'<script src="{relative_url(CODES, page_url)}" defer></script>',
            store_script(page_url, storage_name)]
    if with_map:
        tags.append(f'<script src="{relative_url(MAP, page_url)}" defer></script>')
    tags.append(f'<script src="{relative_url(SCRIPT, page_url)}" defer></script>')
    if with_file:
        tags.append(f'<script src="{relative_url(FILE_SCRIPT, page_url)}" defer></script>')
    return "".join(tags)


def page_needs(page_html: str) -> tuple[bool, bool]:
    """Whether a page's content holds a progress widget (so its scripts need the progress
    map) and the progress file's controls (the save button, or the course record)."""
    has_widget = f'class="{WIDGET_CLASS}"' in page_html
    return has_widget, Data.PROGRESS_SAVE in page_html or f'{Data.MODULE}="record"' in page_html
