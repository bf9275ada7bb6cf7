#!/usr/bin/env python3
"""Check the question banks, the quiz markup in docs/ and the branching conversations
(conversations/*.yml and their markers), without building the site.

Usage: scripts/check_quizzes.py [--strict]

Prints every problem as `FILE:LINE: message`. Exit status 1 on an error, and with
--strict also on a warning (a question no page uses), as the strict build does; a module
with no assessment pool yet is a warning that stops neither.
"""
import os
import sys
from pathlib import Path

# Run as ./scripts/check_quizzes.py (or with python3), the system's Python has neither the pinned
# packages nor courseware: start again with the course's .venv, which any make target sets up.
_VENV_PYTHON = Path(__file__).resolve().parent.parent / ".venv/bin/python"
if sys.prefix == sys.base_prefix and _VENV_PYTHON.exists():
    os.execv(_VENV_PYTHON, [str(_VENV_PYTHON), *sys.argv])
sys.path.insert(0, str(_VENV_PYTHON.parent.parent.parent))  # the courseware beside this script

from courseware.model import cast, conversations
from courseware.model.course import check_course, read_pages

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    pages = read_pages(ROOT / "docs")
    course = check_course(ROOT, pages)
    found, conversation_errors = conversations.check_all(ROOT, pages, cast.load(ROOT / "docs"))
    course.errors += conversation_errors
    for line in course.errors:
        print(f"error: {line}")
    for line in course.warnings:
        print(f"warning: {line}")
    for line in course.notices:  # not fatal even with --strict: the pools land one module at a time
        print(f"warning: {line}")
    questions = len(course.questions)
    print(f"{len(course.banks)} banks, {questions} questions, {len(course.pools)} assessment pools "
          f"({len(course.pool_questions)} questions), {sum(map(len, course.page_quiz_ids.values()))} "
          f"quizzes on {len(course.page_quiz_ids)} pages, {len(found)} conversation{'' if len(found) == 1 else 's'}: {len(course.errors)} errors, {len(course.warnings)} warnings")
    return 1 if course.errors or ("--strict" in argv and course.warnings) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
