"""Question banks in quizzes/ become mkdocs-quiz quizzes on the pages that ask for them.

Data flow: quizzes/*.yml + the markers in docs/ -> this hook -> mkdocs-quiz -> page.

- A page asks for questions with a marker: `<!-- quiz BANK -->` shows the questions of
  BANK whose `page` is this page; `<!-- quiz BANK ID ID… -->` shows exactly those.
- Every bank is checked against quizzes/schema.json and for what a schema cannot see
  (see quiz_check.py beside this file); the build stops with `quizzes/FILE:LINE: …`.
- mkdocs-quiz numbers quizzes by position (`quiz-0`…) and saves answers by option
  index, so saved progress would drift when a bank changes. The HTML gets the question's
  own id and each option a value made from its text instead.
- mkdocs-quiz inlines ~60 KB of CSS and JS into every page. Here it runs only on pages
  with quizzes, and its CSS and JS are served once, as cached files in assets/quiz/.
- A progress map (page -> question ids) feeds the "My progress" page and indicators.
- A printable answer key per module is generated under trainers/answer-keys/.
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

sys.path.insert(0, str(Path(__file__).parent))
import quiz_check  # noqa: E402  (beside this file; also used by scripts/check_quizzes.py)

log = logging.getLogger("mkdocs.hooks.quiz_banks")

ASSET_DIR = "assets/quiz"
# <!-- progress -->: the course; <!-- progress MODULE -->: one module; <!-- progress full -->: the table
PROGRESS_MARKER = re.compile(r"<!--\s*progress(?:\s+(?P<module>full|[0-9]{2}-[a-z0-9-]+))?\s*-->")

_state: dict = {}


# --- markup ----------------------------------------------------------------------

def _one_line(text: str) -> str:
    return " ".join(text.split())


def quiz_markup(q: quiz_check.Question) -> str:
    """The mkdocs-quiz syntax for one question."""
    lines = ["<quiz>", q.question.strip()]
    if q.type == "fill":
        lines += ["---", q.explanation.strip()]
    else:
        for option in q.options:
            lines.append(f"- [{'x' if option.correct else ' '}] {_one_line(option.text)}")
            lines.append(f"> {_one_line(option.feedback)}")
        lines += ["", q.explanation.strip()]
    return "\n".join(lines + ["</quiz>"])


def option_value(text: str) -> str:
    """A saved answer's key: from the option's text, so reordering keeps it."""
    return hashlib.sha256(_one_line(text).encode()).hexdigest()[:10]


# --- build events --------------------------------------------------------------------

def on_config(config):
    _state.clear()
    _state["root"] = Path(config["config_file_path"]).parent
    return config


def on_files(files, config):
    root = _state["root"]
    pages = {f.src_uri: f.content_string for f in files.documentation_pages()}
    course = quiz_check.check_course(root, pages)
    if course.errors:
        raise PluginError("Quiz check failed:\n" + "\n".join(course.errors))
    for warning in course.warnings:
        log.warning(warning)  # `mkdocs build --strict` turns these into a failure
    _state["course"] = course

    _state["assets"] = quiz_assets()
    for name, content in _state["assets"].items():
        files.append(File.generated(config, f"{ASSET_DIR}/{name}", content=content))
    files.append(File.generated(config, f"{ASSET_DIR}/progress-map.js",
                                content=progress_map_js(course, files)))
    for bank in course.banks.values():
        files.append(File.generated(config, f"trainers/answer-keys/{bank.module}.md",
                                    content=answer_key(bank, course)))
    return files


def quiz_assets() -> dict[str, str]:
    """mkdocs-quiz's own CSS and JS, named by content so a new version is fetched anew."""
    from mkdocs_quiz import plugin as mkdocs_quiz

    assets = {}
    for kind, text in (("css", mkdocs_quiz.style), ("js", mkdocs_quiz.js_script)):
        body = re.sub(r"^<(style|script)[^>]*>|</(style|script)>$", "", text)
        digest = hashlib.sha256(body.encode()).hexdigest()[:8]
        assets[f"quiz.{digest}.{kind}"] = body
    return assets


@event_priority(50)  # before mkdocs-quiz reads the page
def on_page_markdown(markdown, page, config, files):
    course: quiz_check.Course = _state["course"]
    ids = course.page_quiz_ids.get(page.file.src_uri, [])
    if ids:
        page.meta["quiz"] = {**(page.meta.get("quiz") or {}), "enabled": True}

    def expand(match: re.Match) -> str:
        questions = course.marker_questions(page.file.src_uri, match.group(0))
        return "\n\n".join(quiz_markup(q) for q in questions)

    markdown = quiz_check.MARKER.sub(expand, markdown)
    markdown = PROGRESS_MARKER.sub(
        lambda m: f'<div class="course-progress" data-module="{m["module"] or ""}" markdown>'
                  '\n\nYour progress appears here once the page has loaded.\n\n</div>', markdown)
    return markdown


@event_priority(-50)  # after mkdocs-quiz has written its HTML
def on_page_content(html, page, config, files):
    course: quiz_check.Course = _state["course"]
    ids = course.page_quiz_ids.get(page.file.src_uri, [])
    if ids:
        html = stable_ids(html, ids, course)
        html = external_assets(html, page)
        # mkdocs-quiz writes the quizzes after MkDocs collected the page's anchors, so a
        # link to a question (`lesson.md#question-id`) would count as broken without this.
        if page.present_anchor_ids is not None:
            page.present_anchor_ids.update(ids)
    if 'class="course-progress"' in html:
        html += "".join(
            f'<script src="{get_relative_url(path, page.url)}" defer></script>'
            for path in (f"{ASSET_DIR}/progress-map.js", "assets/javascripts/progress.js"))
    return html


def stable_ids(html: str, ids: list[str], course: quiz_check.Course) -> str:
    """quiz-N -> the question's id; option indices -> values from the option text."""
    def rename(match: re.Match) -> str:
        return ids[int(match.group(1))] if int(match.group(1)) < len(ids) else match.group(0)

    # Only the quiz's own id (its storage key and deep link) and its "#" link change; the
    # ids inside a quiz stay mkdocs-quiz's short positional ones, which nothing stores.
    html = re.sub(r'(?<=id=")quiz-(\d+)(?=")|(?<=href="#)quiz-(\d+)(?=")',
                  lambda m: rename(re.match(r"quiz-(\d+)", m.group(0))), html)
    for qid in ids:
        question = course.questions.get(qid)
        if not question or question.type == "fill":
            continue
        start = html.find(f'id="{qid}"')
        end = html.find("</form>", start)
        values = iter(option_value(o.text) for o in question.options)
        block = re.sub(r'(name="answer" value=")\d+(")', lambda m: m.group(1) + next(values) + m.group(2),
                       html[start:end])
        html = html[:start] + block + html[end:]
    return html


def external_assets(html: str, page) -> str:
    from mkdocs_quiz import plugin as mkdocs_quiz

    names = {name.rsplit(".", 1)[1]: name for name in _state["assets"]}
    css = get_relative_url(f"{ASSET_DIR}/{names['css']}", page.url)
    js = get_relative_url(f"{ASSET_DIR}/{names['js']}", page.url)
    if mkdocs_quiz.style not in html or mkdocs_quiz.js_script not in html:
        raise PluginError(f"docs/{page.file.src_uri}: mkdocs-quiz's inline CSS or JS was not found; "
                          "its output changed, so overrides/hooks/quiz_banks.py needs updating")
    html = html.replace(mkdocs_quiz.style, f'<link rel="stylesheet" href="{css}">')
    # The progress panel's "Reset" links carry their look inline, twice a page; course.css has it.
    html = re.sub(r'\s+style="color: var\(--md-primary-fg-color\); text-decoration: none;"', "", html)
    return html.replace(mkdocs_quiz.js_script, f'<script src="{js}" defer></script>')


# --- progress map and answer keys ----------------------------------------------------

def progress_map_js(course: quiz_check.Course, files) -> str:
    modules = []
    for module in course.modules:
        pages = []
        for src, ids in course.page_quiz_ids.items():
            if src.startswith(f"modules/{module.name}/") and ids:
                file = files.get_file_from_path(src)
                pages.append({"title": module.page_titles[src], "url": file.url, "ids": ids,
                              "order": module.page_order.index(src) if src in module.page_order else 99})
        pages.sort(key=lambda p: p["order"])
        for p in pages:
            del p["order"]
        overview = files.get_file_from_path(f"modules/{module.name}/index.md")
        modules.append({"id": module.name, "title": module.title, "url": overview.url, "pages": pages})
    progress_page = files.get_file_from_path("progress.md")
    data = json.dumps({"modules": modules, "progressUrl": progress_page.url if progress_page else None},
                      ensure_ascii=False, separators=(",", ":"))
    return f"window.courseProgressMap={data};\n"


def answer_key(bank: quiz_check.Bank, course: quiz_check.Course) -> str:
    module = course.module(bank.module)
    lines = [f"# Answer key: {module.title}", "",
             f"Every question of the [{module.title}](../../modules/{bank.module}/index.md) module, "
             "with its correct answers and explanation, in the order learners meet them. "
             "Print it from your browser for a session.", ""]
    by_page: dict[str, list] = {}
    for q in bank.questions.values():
        by_page.setdefault(q.page or "", []).append(q)
    for src in module.page_order:
        stem = Path(src).stem
        questions = by_page.get(stem, [])
        if not questions:
            continue
        lines += [f"## {module.page_titles[src]}", ""]
        for number, q in enumerate(questions, 1):
            lines += [f"**{number}. {_one_line(quiz_check.BLANK.sub('_____', q.question))}**", ""]
            if q.type == "fill":
                answers = ", ".join(quiz_check.BLANK.findall(q.question))
                lines += [f"Answer: **{answers}**", ""]
            else:
                for option in q.options:
                    mark = "**Correct:**" if option.correct else "Wrong:"
                    lines += [f"- {mark} {_one_line(option.text)}"]
                lines += [""]
            lines += [f"*Why:* {_one_line(q.explanation)} (objective {q.objective}, `{q.id}`)", ""]
    return "\n".join(lines)
