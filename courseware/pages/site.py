"""The course as one build sees it: every source read and checked once, when the build
knows its files, and then handed to every step that makes or finishes a page.

The engine adapter (overrides/hooks/course.py) builds one CourseSite per build (`make serve`
builds a new one on every rebuild) and keeps it for that build; the steps never read the
sources again. The whole-course check (course.check_course) runs once here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..model import cast, conversations, course, coverage, organisation
from . import notebook, review, trainer_kit
from ..model.errors import CourseError


@dataclass
class CourseSite:
    pages: dict[str, str]  # every page's Markdown by source path, the review page's marker expanded
    course: course.Course
    organisation: organisation.Organisation
    team: cast.Cast
    conversations: dict[str, conversations.Conversation]
    plans: dict[str, trainer_kit.Plan]
    coverage: coverage.Coverage
    notebook: notebook.Notebook
    warnings: list[str] = field(default_factory=list)  # the strict build stops on them
    notices: list[str] = field(default_factory=list)   # said, never fatal


def build(root: Path, docs: Path, pages: dict[str, str]) -> CourseSite:
    """The checked model of the course at root, its pages (src path -> markdown) from docs.
    Raises CourseError with every problem of the first faulty source, the sources in the
    order the build has always reported them."""
    settings = organisation.load(root)
    pages = dict(pages)
    checked = checked_course(root, pages)
    team = cast.load(docs)
    found, errors = conversations.check_all(root, pages, team)
    if errors:
        raise CourseError(errors, heading="Conversation check failed:")
    plans = trainer_kit.read_plans(pages)
    covered = coverage.load(docs, pages)
    activities = notebook.scan(pages, checked.modules)
    return CourseSite(pages, checked, settings, team, found, plans, covered, activities,
                      warnings=list(checked.warnings), notices=list(checked.notices))


def checked_course(root: Path, pages: dict[str, str]) -> course.Course:
    """The whole-course check, once, with the review page written out in pages.

    The review page shows every question the other pages show, so it is made from their
    check and then scanned on its own: its questions are all used elsewhere already, and it
    adds no "not used on any page" warning to take back."""
    others = {src: text for src, text in pages.items() if src != review.PAGE}
    checked = course.check_course(root, others)
    if review.PAGE in pages:
        if not checked.errors:  # with errors the build stops with them; the marker is left alone
            pages[review.PAGE] = review.expand(pages[review.PAGE], checked)
        ids = course.scan_page(review.PAGE, pages[review.PAGE], checked, set())
        if ids:  # in the order a check of every page gives them
            checked.page_quiz_ids = dict(sorted({**checked.page_quiz_ids, review.PAGE: ids}.items()))
    if checked.errors:
        raise CourseError(checked.errors, heading="Quiz check failed:")
    return checked
