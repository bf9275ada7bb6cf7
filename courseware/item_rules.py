"""Item-writing rules: a question must be answered from what the learner knows, not from
the form of its options (curriculum.md §3; Haladyna, Downing and Rodriguez, 2002).

The thresholds live here, each with its reason. The rules run wherever the banks are
checked (the build and `make check-quizzes`), and report `quizzes/FILE:LINE: …`.
Positions are counted in source order: the page shuffles options, but the printed answer
key and the LMS question banks keep the order of the file.
"""
from __future__ import annotations

import re
from collections import Counter

from .banks import Bank, Question

# No position may hold more than 40% of a bank's keys: with four options a reader who
# notices "it is usually the first" should gain nothing over chance (25%).
MAX_KEY_POSITION_SHARE = 0.40
# The key may be the strictly longest option in at most 35% of a bank's single-answer
# questions: "pick the longest" is the commonest test-wise guess.
MAX_LONGEST_KEY_SHARE = 0.35
# A correct option more than 1.5 times the mean length of the others stands out by form.
MAX_KEY_LENGTH_RATIO = 1.5
# In multiple-answer questions, no one number of correct options may cover more than 60%
# of the bank's questions, so "always pick two" is not a strategy.
MAX_SAME_KEY_COUNT_SHARE = 0.60
# Bank-wide shares mean little in a handful of questions.
MIN_QUESTIONS_FOR_SHARES = 5
# "All/none of the above" tests reading the options, not the idea (and breaks shuffling).
CATCH_ALL = re.compile(r"\b(all|none|both|neither)\s+of\s+(the\s+)?(above|these|them)\b", re.I)


def _length(text: str) -> int:
    return len(" ".join(text.split()))


def question_problems(q: Question) -> list[str]:
    problems = []
    for option in q.options:
        if CATCH_ALL.search(option.text):
            problems.append(f"{q.file}:{option.line or q.line}: '{CATCH_ALL.search(option.text).group(0)}' is not an "
                            "option: write the answer itself, so the question tests the idea, not the list")
    if q.type != "fill" and len(q.options) > 1:
        for option in (o for o in q.options if o.correct):
            others = [_length(o.text) for o in q.options if o is not option]
            mean = sum(others) / len(others)
            if mean and _length(option.text) > MAX_KEY_LENGTH_RATIO * mean:
                problems.append(f"{q.file}:{option.line or q.line}: the correct option is "
                                f"{_length(option.text) / mean:.1f} times as long as the others on average (limit "
                                f"{MAX_KEY_LENGTH_RATIO}): shorten it or give the distractors the same detail")
    return problems


def bank_problems(bank: Bank) -> list[str]:
    questions = [q for q in bank.questions.values() if q.type != "fill"]
    problems = []
    at = f"{bank.file}:{bank.line}"

    keys = Counter(i + 1 for q in questions for i, o in enumerate(q.options) if o.correct)
    total = sum(keys.values())
    if len(questions) >= MIN_QUESTIONS_FOR_SHARES and total:
        for position, count in sorted(keys.items()):
            if count / total > MAX_KEY_POSITION_SHARE:
                where = ", ".join(f"line {q.line}" for q in questions
                                  if len(q.options) >= position and q.options[position - 1].correct)
                problems.append(f"{at}: {count} of the bank's {total} correct options ({count / total:.0%}) are option "
                                f"{position} (limit {MAX_KEY_POSITION_SHARE:.0%}), so the key's place gives it "
                                f"away: move some of them ({where})")

    single = [q for q in questions if q.type == "single"]
    longest = [q for q in single if _strictly_longest_is_key(q)]
    if len(single) >= MIN_QUESTIONS_FOR_SHARES and len(longest) / len(single) > MAX_LONGEST_KEY_SHARE:
        problems.append(f"{at}: the correct option is the longest in {len(longest)} of {len(single)} single-answer "
                        f"questions ({len(longest) / len(single):.0%}, limit {MAX_LONGEST_KEY_SHARE:.0%}): give the "
                        f"distractors the key's detail (" + ", ".join(f"line {q.line}" for q in longest) + ")")

    multiple = [q for q in questions if q.type == "multiple"]
    counts = Counter(sum(o.correct for o in q.options) for q in multiple)
    if len(multiple) >= 3:
        number, count = counts.most_common(1)[0]
        if count / len(multiple) > MAX_SAME_KEY_COUNT_SHARE:
            problems.append(f"{at}: {count} of {len(multiple)} multiple-answer questions have exactly {number} correct "
                            f"options (limit {MAX_SAME_KEY_COUNT_SHARE:.0%}): vary how many are right, so "
                            f"'pick {number}' is not a strategy")
    return problems


def _strictly_longest_is_key(q: Question) -> bool:
    lengths = [(_length(o.text), o.correct) for o in q.options]
    top = max(length for length, _ in lengths)
    leaders = [correct for length, correct in lengths if length == top]
    return len(leaders) == 1 and leaders[0]


def check(bank: Bank) -> list[str]:
    """Every rule on one bank."""
    return [p for q in bank.questions.values() for p in question_problems(q)] + bank_problems(bank)
