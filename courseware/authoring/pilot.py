"""Blind pilots of a question bank (curriculum.md §3): does a question need the lesson?

Two readers answer a bank without it. One sees only each question's options, shuffled, with
no question: whatever they score above chance comes from the options' wording. The other
sees the questions and options but has not read the lessons: whatever they score comes from
common sense. Neither sees the key or the feedback. This module writes their answer sheets
(and a separate key to score them with) and scores their replies.

A sheet numbers its items P01, P02… in a shuffled order and letters each item's options in a
shuffled order; the key maps both back to the bank. Replies are one line per item:
`P03: B`, `P07: A, C, D`, or for a fill-in `P09: 85`.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from ..model.banks import BLANK, Bank, Question
from ..model.text_keys import one_line

MODES = ("options-only", "no-lesson", "studied")  # "studied": the other half, read after the lessons
LETTERS = "ABCDEFGH"
REPLY = re.compile(r"^\s*\**(P\d+)\**\s*[:.)-]\s*(.*?)\s*$", re.M)


def _chance(q: Question) -> float:
    """A blind guess's chance of being fully right: one of n options, or the one right set
    among every set of two or more (the page shows check boxes, so a reader knows that)."""
    n = len(q.options)
    return 1 / n if q.type == "single" else 1 / (2 ** n - n - 1)


def _items(bank: Bank, mode: str) -> list[Question]:
    # Options alone say nothing about a fill-in's answer, so that sheet leaves them out.
    return [q for q in bank.questions.values() if mode != "options-only" or q.type != "fill"]


def sheets(bank: Bank, mode: str, seed: int) -> tuple[str, dict]:
    """The answer sheet for one reader (markdown) and the key that scores it."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    rng = random.Random(f"{bank.module}:{mode}:{seed}")
    items = _items(bank, mode)
    rng.shuffle(items)
    key = {"bank": bank.module, "mode": mode, "seed": seed, "items": {}}
    intro = {
        "options-only": "You see only the answer options of each question, not the question itself, and no "
                        "lesson. For each set, choose the option you think is the correct answer to the question "
                        "it came from. ",
        "no-lesson": "These questions come from a course for new contact-centre team leaders. Answer from your "
                     "own judgement and experience; you have not read the course and should not look anything up. ",
        "studied": "These questions check a module of a course for new contact-centre team leaders. Answer from "
                   "what the module's lessons teach. ",
    }[mode]
    out = [f"# Answer sheet ({mode})", "",
           intro + "Answer every item, guessing where you must. Reply with one line per item, exactly like "
           "`P03: B` or, where more than one is correct, `P07: A, C, D`"
           + (", or for a blank, `P09: your answer`." if mode != "options-only" else "."), ""]
    for number, q in enumerate(items, 1):
        label = f"P{number:02d}"
        entry = {"id": q.id, "type": q.type, "chance": 0.0}
        if q.type == "fill":
            blanks = iter(range(1, len(q.blanks) + 1))
            text = BLANK.sub(lambda _: f"_____ ({next(blanks)})", one_line(q.question))
            hint = "fill in the blank" if len(q.blanks) == 1 else "fill in each blank, in order, separated by commas"
            out += [f"## {label} ({hint})", "", text, ""]
            entry["answers"] = q.blanks
        else:
            order = list(range(len(q.options)))
            rng.shuffle(order)
            hint = "choose one" if q.type == "single" else "choose all that are correct: two or more are"
            out += [f"## {label} ({hint})", ""]
            if mode != "options-only":
                out += [one_line(q.question), ""]
            out += [f"{LETTERS[i]}. {one_line(q.options[j].text)}" for i, j in enumerate(order)] + [""]
            entry["letters"] = {LETTERS[i]: q.options[j].key for i, j in enumerate(order)}
            entry["correct"] = sorted(LETTERS[i] for i, j in enumerate(order) if q.options[j].correct)
            entry["chance"] = _chance(q)
        key["items"][label] = entry
    return "\n".join(out), key


@dataclass
class Score:
    """One reader's result on one bank, by question type, with chance alongside."""
    bank: str
    mode: str
    right: dict[str, list[str]] = field(default_factory=dict)   # type -> ids fully right
    asked: dict[str, list[str]] = field(default_factory=dict)   # type -> ids on the sheet
    chance: dict[str, float] = field(default_factory=dict)      # type -> mean chance
    unanswered: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)               # ids whose options changed since the sheet

    def share(self, kind: str | None = None) -> float:
        kinds = [kind] if kind else list(self.asked)
        asked = sum(len(self.asked.get(k, [])) for k in kinds)
        return sum(len(self.right.get(k, [])) for k in kinds) / asked if asked else 0.0


def score(bank: Bank, key: dict, replies: str) -> Score:
    """Score a reader's replies against the key of the sheet they answered."""
    answers = {label: text for label, text in REPLY.findall(replies)}
    result = Score(bank=key["bank"], mode=key["mode"])
    chances: dict[str, list[float]] = {}
    for label, entry in key["items"].items():
        q = bank.questions.get(entry["id"])
        kind = entry["type"]
        result.asked.setdefault(kind, []).append(entry["id"])
        result.right.setdefault(kind, [])
        if kind != "fill":
            chances.setdefault(kind, []).append(entry["chance"])
            if q is None or sorted(o.key for o in q.options) != sorted(entry["letters"].values()):
                result.stale.append(entry["id"])
        reply = answers.get(label)
        if reply is None or not reply.strip():
            result.unanswered.append(label)
            continue
        if kind == "fill":
            given = [part.strip().lower() for part in reply.split(",")]
            ok = given == [a.strip().lower() for a in entry["answers"]]
        else:
            chosen = sorted(set(re.findall(r"\b([A-H])\b", reply.upper())))
            ok = chosen == entry["correct"]
        if ok:
            result.right[kind].append(entry["id"])
    result.chance = {kind: sum(values) / len(values) for kind, values in chances.items()}
    return result


def report(result: Score) -> str:
    """A few lines a person reads: each type's score against chance, and what gave itself away."""
    lines = [f"{result.bank} ({result.mode})"]
    for kind in ("single", "multiple", "fill"):
        asked = result.asked.get(kind, [])
        if not asked:
            continue
        chance = f", chance {result.chance[kind]:.0%}" if kind in result.chance else ""
        lines.append(f"  {kind}: {len(result.right[kind])} of {len(asked)} fully right "
                     f"({result.share(kind):.0%}{chance})")
        if result.right[kind]:
            lines.append("    right: " + ", ".join(result.right[kind]))
    lines.append(f"  all: {result.share():.0%}")
    if result.unanswered:
        lines.append("  unanswered: " + ", ".join(result.unanswered))
    if result.stale:
        lines.append("  changed since the sheet was made (score them again on a new sheet): " + ", ".join(result.stale))
    return "\n".join(lines)
