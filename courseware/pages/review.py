"""The "Review my questions" page: every question the course's pages show, module by
module, to answer again. In the browser, review.js shows only the questions worth
another go (answered wrong, not tried yet, or due for spaced review); answers go to the
one browser store (store.js), so they count on the lessons and in "My progress" too.

The page's source holds one marker, `<!-- review -->`. Before the banks are checked
against the pages it becomes, for each module, a heading, a count for review.js to fill
in and, for each page of the module, a link to that page and an explicit quiz marker
naming its questions (`<!-- quiz BANK ID … -->`). So the page shows the very questions
of the lessons, with their ids, feedback and "Try again", and the quiz check treats it
like any other page. Only questions a page of the course shows are listed, so the
check's warning about a question no page uses still works.
"""
from __future__ import annotations

import html
import re

from ..contract import Classes, Data
from ..model.course import Course

PAGE = "review.md"
MARKER = re.compile(r"^<!--\s*review\s*-->[ \t]*$", re.M)
SCRIPT = "assets/javascripts/review.js"
STYLESHEET = "assets/stylesheets/review.css"
# Days before a question answered right comes back: the first gap after the lesson, then
# one longer gap for each time it is answered right again at review; the last repeats.
# review.js reads them from the page, and docs/review.md says them in words.
INTERVAL_DAYS = (2, 7, 21, 60)
# Questions shown at a time: answered wrong first, then due again, then not tried yet;
# "Show more" adds as many again. A short visit is the point of spacing, and 237 open
# questions at once cost a phone over a second of layout.
BATCH = 10
FILTERS = (("review", "Everything to review"), ("wrong", "Answered wrong"), ("untried", "Not tried yet"),
           ("due", "Due for another look"), ("all", "Every question"))
QUIZ_SCRIPT = re.compile(r'<script src="[^"]*assets/quiz/quiz\.[0-9a-f]+\.js"')


def module_questions(course: Course) -> list[tuple[str, str, list[tuple[str, str, list[str]]]]]:
    """Each module (name, title) with its pages that show questions, in course order:
    (page src, page title, question ids). A question shown on two pages is listed once."""
    seen: set[str] = set()
    modules = []
    for module in course.modules:
        prefix = f"modules/{module.name}/"
        order = {src: i for i, src in enumerate(module.page_order)}
        pages = sorted((src for src in course.page_quiz_ids if src.startswith(prefix)),
                       key=lambda src: (order.get(src, len(order)), src))
        listed = []
        for src in pages:
            ids = [qid for qid in course.page_quiz_ids[src] if qid not in seen]
            seen.update(ids)
            if ids:
                listed.append((src, module.page_titles.get(src, src), ids))
        if listed:
            modules.append((module.name, module.title, listed))
    return modules


def question_labels(course: Course) -> dict[str, str]:
    """Each question's label on this page: its place on its own page ("GROW and SBI:
    question 2 of 4"), which the page's "From …" line names, not its place among every
    question of the course when the page shows ten at a time."""
    labels = {}
    for _, _, pages in module_questions(course):
        for _, title, ids in pages:
            labels.update({qid: f"{title}: question {n} of {len(ids)}" for n, qid in enumerate(ids, 1)})
    return labels


def count_text(total: int, where: str) -> str:
    """The count as a learner who has answered nothing sees it (review.js words it the same way)."""
    noun = "question" if total == 1 else "questions"
    return f"{total} {noun} to review{where}: {total} not tried yet."


def controls(total: int) -> str:
    """The summary and the filter, written in full so nothing moves when review.js fills them in."""
    choices = "".join(
        f'<label class="review-filter__choice"><input type="radio" name="review-show" value="{value}"'
        + (" checked" if value == "review" else "") + f"> {label}</label>"
        for value, label in FILTERS)
    days = " ".join(str(d) for d in INTERVAL_DAYS)
    return (f'<div class="{Classes.REVIEW_CONTROLS}" {Data.INTERVALS}="{days}" {Data.BATCH}="{BATCH}">'
            f'<p class="{Classes.REVIEW_SUMMARY}">{html.escape(count_text(total, ""))}</p>'
            f'<fieldset class="{Classes.REVIEW_FILTER}"><legend>Show</legend>{choices}</fieldset>'
            f'<p class="{Classes.REVIEW_FILTER_NOTE}" role="status"></p></div>')


def section(name: str, title: str, pages: list[tuple[str, str, list[str]]]) -> str:
    ids = [qid for _, _, page_ids in pages for qid in page_ids]
    parts = [f"## {title}", "",
             f'<p class="{Classes.REVIEW_COUNT}" data-review-module="{html.escape(name)}" '
             f'{Data.QUIZ_IDS}="{html.escape(" ".join(ids))}">'
             f'{html.escape(count_text(len(ids), " in this module"))}</p>',
             ""]
    for src, page_title, page_ids in pages:
        # A link back, for the lesson's own words around the question; review.js hides it
        # with the last of its questions.
        parts += [f"From [{page_title}]({src}):",
                  f'{{: .{Classes.REVIEW_FROM} {Data.QUIZ_IDS}="{" ".join(page_ids)}" }}', "",
                  f"<!-- quiz {name} {' '.join(page_ids)} -->", ""]
    return "\n".join(parts)


def expand(markdown: str, course: Course) -> str:
    """The page's `<!-- review -->` marker, as the controls and every module's questions."""
    modules = module_questions(course)
    total = sum(len(ids) for _, _, pages in modules for _, _, ids in pages)
    more = (f'<p class="review-more-line"><button type="button" class="md-button {Classes.REVIEW_MORE}" hidden>'
            'Show more questions</button></p>')
    body = "\n\n".join([controls(total)] + [section(*module) for module in modules] + [more])
    return MARKER.sub(lambda m: body, markdown)


def finish_page(html_text: str, script_url: str, stylesheet_url: str) -> str:
    """The finished review page (the quiz step gives it no per-page panel): its stylesheet first, so the list stays
    hidden until review.js has sorted it; review.js after the answer store and before the
    quiz script, so it marks which answered questions to ask again before mkdocs-quiz
    shows them."""
    match = QUIZ_SCRIPT.search(html_text)
    if match is None:
        return html_text  # no questions on the page: nothing to review
    script = f'<script src="{html.escape(script_url)}" defer></script>'
    html_text = html_text[:match.start()] + script + html_text[match.start():]
    return f'<link rel="stylesheet" href="{html.escape(stylesheet_url)}">' + html_text
