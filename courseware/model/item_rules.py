"""Item-writing rules: a question must be answered from what the learner knows, not from
the form or the wording of its options (curriculum.md §3; Haladyna, Downing and
Rodriguez, 2002).

The thresholds live here, each with its reason. The rules run wherever the banks are
checked (the build and `make check-quizzes`), and report `quizzes/FILE:LINE: …`.
Positions are counted in source order: the page shuffles options, but the printed answer
key and the LMS question banks keep the order of the file.

The wording rules are a guard, not the goal: they catch the surface of the cue measured in
December 2026 (the key was the one careful, ask-first, follow-up option; the distractors
were the absolute or self-serving ones). A bank can pass them and still be answerable
without the lesson, which only a blind pilot shows (`scripts/pilot.py`).
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

# --- wording: classes of words that must not say which options are right ------------------
# A class may be carried by keys and distractors alike; what gives the key away is one side
# carrying it far more often than the other. Rates are per option, smoothed (+0.5 / +1) so
# that one or two uses in a small bank do not count as a pattern.
WORDING_CLASSES = {
    # "Rule out the extreme one": absolutes were two to three times as common in distractors.
    "absolute words": re.compile(
        r"\b(always|never|immediately|straight away|at once|right away|without|only|every|must|"
        r"guarantees?|whatever|no matter)\b", re.I),
    # "Rule out the selfish one": a distractor should be a well-meant mistake, not a motive.
    "self-serving or blaming clauses": re.compile(
        r"\b(so (that )?(you|they|it|he|she) (look|looks|seem|seems)|keep the peace|save face|"
        r"cover (yourself|your back)|protect yourself|in front of (the team|everyone|the others)|publicly|"
        r"who'?s boss|blam(e|es|ed|ing)|(their|his|her) (own )?fault|teach (him|her|them) a lesson|"
        r"easier for you|quietly|ignor(e|es|ed|ing)|let it (go|slide)|not your (problem|job)|"
        r"so (that )?nobody can say|name and shame)\b", re.I),
    # "Pick the careful one": asking, checking and agreeing were twice as common in keys.
    "hedging and procedure words": re.compile(
        r"\b(ask(s|ed|ing)?|check(s|ed|ing)?|first|agree(s|d|ing)?|follow(s|ed|ing)?[- ]up|in private|"
        r"privately|listen(s|ed|ing)?|explain(s|ed|ing)?|find out|together|confirm(s|ed|ing)?)\b", re.I),
    # "Pick the one with a reason", or its mirror "the one that justifies itself is wrong".
    "reason clauses": re.compile(r"\b(because|so that|since|which means|in order to)\b", re.I),
}
# A class carried more than 1.5 times as often by one side as by the other is a cue a
# test-wise reader can learn from a handful of questions.
MAX_WORDING_RATE_RATIO = 1.5
# Below this many options carrying a class in a bank, its rates are too thin to read.
MIN_WORDING_USES = 5
# Per question: the key should not be the only option that gives a reason or a next step.
REASON_OR_FOLLOW_UP = {
    "a reason clause": WORDING_CLASSES["reason clauses"],
    "a follow-up step": re.compile(
        r"\b(then|afterwards|after that|follow(s|ed|ing)?[- ]up|next (week|day|month|shift)|later|"
        r"come back|check back|check in|review)\b", re.I),
}

# Orders of steps ("2, 1, 4, 3"): a reader who cannot see the question picks the order that
# agrees, place by place, with the other options most (the convergence strategy); the key
# must not be that order, nor tied for it.
ORDER = re.compile(r"^\s*\(?\d+\)?(?:\s*(?:,|then|->|→)\s*\(?\d+\)?)+\s*\.?\s*$")

# --- what the questions ask -------------------------------------------------------------
# Recall only for what the job needs by heart (a legal time limit, a KPI formula): a bank
# of recall tests the lesson's wording, not the learner's judgement.
MAX_RECALL_SHARE = 0.10
# Calculations where the job calculates (adherence, service level, a complaint's eight
# weeks): a module whose lessons teach figures has at least three, the floor module eight.
# A module that teaches no figures says so here.
MIN_CALCULATIONS = 3
CALCULATIONS_BY_MODULE = {"01-foundations": 0, "04-communication": 0, "06-running-the-floor": 8}


def _length(text: str) -> int:
    return len(" ".join(text.split()))


def _where(question) -> str:
    return f"line {question.line}"


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
        keys = [o for o in q.options if o.correct]
        distractors = [o for o in q.options if not o.correct]
        for name, pattern in REASON_OR_FOLLOW_UP.items():
            if keys and distractors and all(pattern.search(o.text) for o in keys) and \
                    not any(pattern.search(o.text) for o in distractors):
                word = pattern.search(keys[0].text).group(0)
                problems.append(f"{q.file}:{keys[0].line or q.line}: only the correct option{'s have' if len(keys) > 1 else ' has'} "
                                f"{name} ('{word}'), so the careful-sounding option gives itself away: give "
                                "the others theirs, or take it out")
                break
    problems += convergence_problems(q)
    return problems


def convergence_problems(q: Question) -> list[str]:
    """An order question whose key is the order the distractors agree with most."""
    if q.type != "single" or len(q.options) < 3 or not all(ORDER.match(o.text) for o in q.options):
        return []
    orders = [re.findall(r"\d+", o.text) for o in q.options]
    agreement = [sum(sum(a == b for a, b in zip(order, other)) for other in orders if other is not order)
                 for order in orders]
    top = max(agreement)
    leaders = [i for i, value in enumerate(agreement) if value == top]
    key = next(i for i, o in enumerate(q.options) if o.correct)
    if key in leaders and len(leaders) < len(orders):  # alone or tied at the top: a better-than-chance guess
        return [f"{q.file}:{q.options[key].line or q.line}: the correct order is "
                + ("the one" if len(leaders) == 1 else f"one of the {len(leaders)}")
                + " the other options agree with most, place by place, so a reader can pick it without the question:"
                " build the distractors around another order"]
    return []


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
    problems += wording_problems(bank, questions)
    problems += kind_problems(bank)
    return problems


def wording_problems(bank: Bank, questions: list[Question]) -> list[str]:
    """A class of words that sits mostly on one side (keys or distractors) of the bank."""
    keys = [o for q in questions for o in q.options if o.correct]
    distractors = [o for q in questions for o in q.options if not o.correct]
    if len(questions) < MIN_QUESTIONS_FOR_SHARES or not keys or not distractors:
        return []
    problems = []
    for name, pattern in WORDING_CLASSES.items():
        in_keys = [o for o in keys if pattern.search(o.text)]
        in_distractors = [o for o in distractors if pattern.search(o.text)]
        if len(in_keys) + len(in_distractors) < MIN_WORDING_USES:
            continue
        key_rate = (len(in_keys) + 0.5) / (len(keys) + 1)
        distractor_rate = (len(in_distractors) + 0.5) / (len(distractors) + 1)
        if distractor_rate > MAX_WORDING_RATE_RATIO * key_rate:
            side, other, lines = "distractors", "keys", in_distractors
        elif key_rate > MAX_WORDING_RATE_RATIO * distractor_rate:
            side, other, lines = "keys", "distractors", in_keys
        else:
            continue
        ratio = max(key_rate, distractor_rate) / min(key_rate, distractor_rate)
        problems.append(
            f"{bank.file}:{bank.line}: {name} sit mostly in {side}: {len(in_keys)} of {len(keys)} correct options "
            f"({len(in_keys) / len(keys):.0%}) against {len(in_distractors)} of {len(distractors)} distractors "
            f"({len(in_distractors) / len(distractors):.0%}), {ratio:.2f} times as often (smoothed; limit "
            f"{MAX_WORDING_RATE_RATIO}), so a reader can tell the {side} by their words: give the {other} the same "
            f"wording or take it out of the {side} (lines " + ", ".join(str(o.line) for o in lines) + ")")
    return problems


def kind_problems(bank: Bank) -> list[str]:
    """Too much recall, or too few calculations where the module teaches figures."""
    questions = list(bank.questions.values())
    if len(questions) < MIN_QUESTIONS_FOR_SHARES:
        return []
    at = f"{bank.file}:{bank.line}"
    problems = []
    recall = [q for q in questions if q.kind == "recall"]
    if len(recall) / len(questions) > MAX_RECALL_SHARE:
        problems.append(f"{at}: {len(recall)} of {len(questions)} questions are recall ({len(recall) / len(questions):.0%}, "
                        f"limit {MAX_RECALL_SHARE:.0%}): set the rest in a situation the learner must judge ("
                        + ", ".join(map(_where, recall)) + ")")
    wanted = CALCULATIONS_BY_MODULE.get(bank.module, MIN_CALCULATIONS)
    calculations = sum(q.kind == "calculation" for q in questions)
    if calculations < wanted:
        problems.append(f"{at}: {calculations} calculation questions, fewer than the {wanted} this module needs: where "
                        "the job works out a figure or a date, ask the learner to work it out (kind: calculation)")
    return problems


def _strictly_longest_is_key(q: Question) -> bool:
    lengths = [(_length(o.text), o.correct) for o in q.options]
    top = max(length for length, _ in lengths)
    leaders = [correct for length, correct in lengths if length == top]
    return len(leaders) == 1 and leaders[0]


def check(bank: Bank) -> list[str]:
    """Every rule on one bank."""
    return [p for q in bank.questions.values() for p in question_problems(q)] + bank_problems(bank)
