"""Editions: the full course, or the learner edition, which leaves out the trainers' kit.

An LMS package is opened by learners alone, and a mastery score set in the LMS means
nothing if a learner can open Trainers → Answer keys beside the quiz. So the LMS packages
are always built as the learner edition, and an organisation that gives trainers their kit
another way can publish the learner edition to its intranet too.

The edition is one setting, `extra.edition` in mkdocs.yml (from COURSE_EDITION, `full` by
default). The learner edition has no page under trainers/ (session plans, the schedule,
workbooks, answer keys, conversation maps): they are left out of the files, so they are in
no navigation, search index, sitemap or print page, and their addresses give the 404. A
learners' page marks what only makes sense beside the kit with
`<!-- trainers-only -->` … `<!-- /trainers-only -->`; the learner edition drops it.

In model/ by its main concern, the one setting and which sources it keeps;
`learners_markdown` applies it to a page's source and imports nothing above the model.
"""
from __future__ import annotations

import re

from .errors import CourseError

FULL, LEARNER = "full", "learner"
EDITIONS = (FULL, LEARNER)
SETTING = "extra.edition in mkdocs.yml (COURSE_EDITION)"
TRAINERS = "trainers/"
TRAINERS_ONLY = re.compile(r"^<!-- trainers-only -->[ \t]*\n.*?^<!-- /trainers-only -->[ \t]*(\n|\Z)", re.M | re.S)


def checked(value) -> str:
    """The edition named by the setting, or a CourseError that says what is allowed."""
    if value in EDITIONS:
        return value
    raise CourseError(f"mkdocs.yml: {SETTING} is {value!r}: use {' or '.join(EDITIONS)}")


def for_learners(src_uri: str) -> bool:
    """Whether a docs/ page belongs in the learner edition."""
    return not src_uri.startswith(TRAINERS)


def learners_nav(nav: list) -> list:
    """The navigation without the trainers' pages; a section left empty goes too. nav is
    mkdocs.yml's list: page paths, {title: path} and {title: [entries]}."""
    kept = []
    for entry in nav:
        if isinstance(entry, str):
            if for_learners(entry):
                kept.append(entry)
            continue
        (title, value), = entry.items()
        if isinstance(value, list):
            value = learners_nav(value)
            if value:
                kept.append({title: value})
        elif not isinstance(value, str) or for_learners(value):
            kept.append(entry)
    return kept


def learners_markdown(markdown: str, src_uri: str) -> str:
    """A page without its trainers-only parts; an opening marker with no closing one is an
    error at its line, so nothing meant for trainers slips through."""
    text = TRAINERS_ONLY.sub("", markdown)
    left = re.search(r"^<!-- /?trainers-only -->", text, re.M)
    if left:
        line = markdown[:markdown.index(left.group(0))].count("\n") + 1
        raise CourseError(f"docs/{src_uri}:{line}: '{left.group(0)}' has no partner: wrap what only trainers "
                          "need in <!-- trainers-only --> and <!-- /trainers-only -->, each on its own line")
    return text


def note(edition: str) -> str:
    """What "Your organisation" says about the edition it is reading."""
    if edition == LEARNER:
        return ("\n## This edition\n\nThis is the **learner edition** of the course. It leaves out the trainers' "
                "section: session plans, the classroom schedule, workbooks, answer keys and conversation maps. "
                "Learning packages for an LMS are always this edition. Your trainers have the full edition "
                "another way; ask your learning team if you need it.\n")
    return ("\n## This edition\n\nThis is the **full edition** of the course, with the trainers' section: "
            "session plans, the classroom schedule, workbooks, answer keys and conversation maps. Learning "
            "packages for an LMS are always the learner edition, which leaves that section out.\n")
