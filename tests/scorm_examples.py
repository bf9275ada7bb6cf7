"""Saved answers and the suspend data courseware/release/scorm.py encodes them to, for the launcher's
codec's Node test (tests/js/scorm-codec.test.mjs reads tests/data/scorm-suspend-examples.json).

test_courseware.py fails when the file is not what this writes; to write it again:
    PYTHONPATH=. .venv/bin/python tests/scorm_examples.py > tests/data/scorm-suspend-examples.json
"""
from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from courseware.release import scorm  # noqa: E402

FILE = Path(__file__).parent / "data" / "scorm-suspend-examples.json"


def _ms(*day) -> int:
    return int(datetime(*day, tzinfo=timezone.utc).timestamp() * 1000)


# A small table as scorm.question_table writes one: eight options (two characters of
# choices), three, and a fill-in with two blanks.
TABLE = [
    {"id": "demo-multi", "code": "Mu1t", "type": "choice", "options": [f"{n:x}" * 10 for n in range(8)]},
    {"id": "demo-single", "code": "S1ng", "type": "choice", "options": ["1a2b3c4d5e", "6f7a8b9c0d", "ffeeddccbb"]},
    {"id": "demo-fill", "code": "F-i_", "type": "fill", "answers": ["SBI", "GROW"]},
    {"id": "demo-unanswered", "code": "Unan", "type": "choice", "options": ["0123456789", "9876543210"]},
]
MULTI = TABLE[0]["options"]
# Two conversations as scorm.conversation_table writes them (less what only the interactions
# use): one with seven endings (two characters of endings' bits), one with three.
CONVERSATIONS = [
    {"id": "demo-talk", "code": "T4lk", "start": "open",
     "endings": ["end-a", "end-b", "end-c", "end-d", "end-e", "end-f", "end-g"],
     "nodes": {"open": {"choices": ["ask", "tell", "wait"], "to": ["listen", "end-a", "listen"]},
               "listen": {"choices": ["plan", "push"], "to": ["agree", "end-b"]},
               "agree": {"choices": ["date", "drop", "note", "go"], "to": ["end-c", "end-d", "end-g", "end-e"]}}},
    {"id": "demo-short", "code": "Sh-_", "start": "hello",
     "endings": ["good", "fine", "bad"],
     "nodes": {"hello": {"choices": ["warm", "cold"], "to": ["good", "next"]},
               "next": {"choices": ["fix", "leave"], "to": ["fine", "bad"]}}},
]


def examples() -> dict:
    # As the codec decodes them: choices in the table's order, a blank as its answer or "",
    # the time at midnight UTC of the day answered, reviews left out when 0.
    canonical = {
        "demo-multi": {"answered": True, "correct": True, "selectedValues": [MULTI[0], MULTI[6], MULTI[7]],
                       "at": _ms(2026, 11, 20), "code": "Mu1t", "reviews": 3},
        "demo-single": {"answered": True, "correct": False, "selectedValues": ["ffeeddccbb"],
                        "at": _ms(2025, 1, 1), "code": "S1ng"},
        "demo-fill": {"answered": True, "correct": False, "selectedValues": ["SBI", ""],
                      "at": _ms(2027, 3, 4), "code": "F-i_"},
    }
    # As the store may hold them: a blank typed in another case, a time of day, a wrong
    # blank, and answers the LMS is not sent (other options' code, no code, unanswered).
    stored = {
        "demo-multi": {**canonical["demo-multi"], "at": _ms(2026, 11, 20) + 15 * 3_600_000},
        "demo-single": {**canonical["demo-single"], "reviews": 0},
        "demo-fill": {**canonical["demo-fill"], "selectedValues": [" sbi ", "coach"]},
        "demo-unanswered": {"answered": False, "correct": False, "selectedValues": [], "at": 1, "code": "Unan"},
        "demo-gone": {"answered": True, "correct": True, "selectedValues": ["x"], "at": 1, "code": "Gone"},
    }
    stale = {"demo-single": {**canonical["demo-single"], "code": "OLD1"}, "demo-fill": {**canonical["demo-fill"]}}
    del stale["demo-fill"]["code"]
    # Conversations as the codec decodes them (the time at midnight UTC of the day), and as
    # the store may hold them: a step a rewrite removed (the path ends before it), an ending
    # or a conversation this release does not have, a conversation started again with
    # nothing reached (not sent).
    paths = {
        "demo-talk": {"steps": ["open/wait", "listen/plan", "agree/note"], "endings": ["end-b", "end-g"],
                      "at": _ms(2026, 12, 6)},
        "demo-short": {"steps": ["hello/cold"], "endings": [], "at": _ms(2025, 2, 1)},
    }
    stored_paths = {
        "demo-talk": {**paths["demo-talk"], "at": _ms(2026, 12, 6) + 9 * 3_600_000,
                      "endings": ["end-b", "end-gone", "end-g"]},
        "demo-short": {**paths["demo-short"], "steps": ["hello/cold", "next/removed", "x/y"]},
        "demo-gone": {"steps": ["a/b"], "endings": [], "at": 1},
    }
    restarted = {"demo-talk": {"steps": [], "endings": [], "at": 5}, "demo-short": {"steps": [], "endings": ["bad"],
                                                                                    "at": _ms(2025, 1, 1)}}
    cases = [("every kind of question", canonical, canonical, {}, {}),
             ("as the store holds them", stored, canonical, {}, {}),
             ("answers to other options are not sent", stale, {}, {}, {}), ("nothing answered", {}, {}, {}, {}),
             ("answers and conversations", canonical, canonical, paths, paths),
             ("conversations as the store holds them", {}, {}, stored_paths, paths),
             ("a conversation started again", {}, {}, restarted, {"demo-short": restarted["demo-short"]})]
    return {"table": TABLE, "conversations": CONVERSATIONS, "examples": [
        {"name": name, "answers": answers, "paths": given,
         "data": scorm.encode_suspend_data(TABLE, answers, CONVERSATIONS, given), "decoded": decoded,
         "decodedPaths": decoded_paths}
        for name, answers, decoded, given, decoded_paths in cases]}


def text() -> str:
    return json.dumps(examples(), indent=1, sort_keys=True) + "\n"


if __name__ == "__main__":
    sys.stdout.write(text())
