#!/usr/bin/env python3
"""Check the course's writing: readability, length, spelling and copying.

Usage: python scripts/check_writing.py [PATH ...]     (default: docs, quizzes and conversations)

For every markdown page it prints the word count and Flesch-Kincaid grade, and it
reports every problem as `file:line: problem` (see courseware/authoring/writing.py). Exit status 1
when anything is reported. The test suite calls the same functions.
"""
import os
import sys
from pathlib import Path

# Run as ./scripts/check_writing.py (or with python3), the system's Python has neither the pinned
# packages nor courseware: start again with the course's .venv, which any make target sets up.
_VENV_PYTHON = Path(__file__).resolve().parent.parent / ".venv/bin/python"
if sys.prefix == sys.base_prefix and _VENV_PYTHON.exists():
    os.execv(_VENV_PYTHON, [str(_VENV_PYTHON), *sys.argv])
sys.path.insert(0, str(_VENV_PYTHON.parent.parent.parent))  # the courseware beside this script

from courseware.authoring.writing import ROOT, course_files, display, grade, problems, word_count
from courseware.model import cast as course_cast


def main(argv: list[str]) -> int:
    files = [f for f in course_files(argv or [str(ROOT / "docs"), str(ROOT / "quizzes"), str(ROOT / "conversations")])
             if f.name != "team.yml"]  # the cast file is data, not course text
    cast = course_cast.load(ROOT / "docs")
    report: list[str] = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".md":
            print(f"{word_count(text):6d} words  grade {grade(text):4.1f}  {display(path)}")
        report += problems(path, text, cast)
    print("\n".join(report) or "No problems found.")
    return 1 if report else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
