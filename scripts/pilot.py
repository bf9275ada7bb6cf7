#!/usr/bin/env python3
"""Pilot a question bank blind (curriculum.md §3), as `make pilot` does.

Usage:
  python scripts/pilot.py sheets BANK [BANK ...] --out DIR [--seed N]
      For each bank (e.g. 06-running-the-floor, or assessment/06-running-the-floor for the
      module's assessment pool) writes DIR/BANK/options-only.md (each
      question's options alone, shuffled), DIR/BANK/no-lesson.md (questions and options,
      shuffled) and DIR/BANK/studied.md (the same, for a reader who studies the lessons
      first), and DIR/BANK/*.key.json to score them. Give a reader one sheet and nothing
      else: not the key, and not the course unless the sheet is "studied".
  python scripts/pilot.py score KEY.json REPLIES
      Scores a reader's replies (a text file of lines such as `P03: B`) against that key and
      prints each question type's score beside chance.

Targets: options-only within 15 points of chance on single-answer questions and at most 15%
fully right on multiple-answer ones; no-lesson at most 55%; studied at least 85%. Rewrite the
items a reader got right without the lesson (or wrong with it), not the pilot.
"""
import argparse
import json
import os
import sys
from pathlib import Path

# Run as ./scripts/pilot.py (or with python3), the system's Python has neither the pinned
# packages nor courseware: start again with the course's .venv, which any make target sets up.
_VENV_PYTHON = Path(__file__).resolve().parent.parent / ".venv/bin/python"
if sys.prefix == sys.base_prefix and _VENV_PYTHON.exists():
    os.execv(_VENV_PYTHON, [str(_VENV_PYTHON), *sys.argv])
sys.path.insert(0, str(_VENV_PYTHON.parent.parent.parent))  # the courseware beside this script

from courseware.authoring import pilot
from courseware.model.banks import QUIZ_DIR, SCHEMA, load_bank

ROOT = Path(__file__).resolve().parent.parent


def bank_path(name: str) -> str:
    """'06-running-the-floor' or 'assessment/06-running-the-floor' (a module's assessment
    pool), with or without quizzes/ and .yml: the bank's path under quizzes/, without .yml."""
    name = name.removesuffix(".yml").removeprefix(f"{QUIZ_DIR}/")
    return f"assessment/{Path(name).name}" if Path(name).parent.name == "assessment" else Path(name).name


def bank_named(name: str):
    schema = json.loads((ROOT / QUIZ_DIR / SCHEMA).read_text(encoding="utf-8"))
    path = ROOT / QUIZ_DIR / f"{bank_path(name)}.yml"
    if not path.exists():
        raise SystemExit(f"{QUIZ_DIR}/{bank_path(name)}.yml: no such bank")
    bank, errors = load_bank(path, ROOT, schema)
    if bank is None or errors:
        raise SystemExit("\n".join(errors) + "\nfix the bank first: make check-quizzes")
    return bank


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Blind pilots of a question bank.")
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("sheets", help="answer sheets and their keys")
    make.add_argument("banks", nargs="+")
    make.add_argument("--out", required=True, type=Path)
    make.add_argument("--seed", type=int, default=1)
    mark = commands.add_parser("score", help="score a reader's replies")
    mark.add_argument("key", type=Path)
    mark.add_argument("replies", type=Path)
    args = parser.parse_args(argv)

    if args.command == "sheets":
        for name in args.banks:
            bank = bank_named(name)
            folder = args.out / bank_path(name)
            folder.mkdir(parents=True, exist_ok=True)
            for mode in pilot.MODES:
                sheet, key = pilot.sheets(bank, mode, args.seed)
                key["bank"] = bank_path(name)  # so that scoring finds a pool, not its module's bank
                (folder / f"{mode}.md").write_text(sheet + "\n", encoding="utf-8")
                (folder / f"{mode}.key.json").write_text(json.dumps(key, indent=1) + "\n", encoding="utf-8")
            print(f"{folder}: {', '.join(m + '.md' for m in pilot.MODES)} and their keys")
        return 0

    key = json.loads(args.key.read_text(encoding="utf-8"))
    result = pilot.score(bank_named(key["bank"]), key, args.replies.read_text(encoding="utf-8"))
    print(pilot.report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
