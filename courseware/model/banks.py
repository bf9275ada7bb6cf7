"""Question banks: the model, read from quizzes/*.yml with each item's source line, and
the checks a schema cannot make. Every problem is `quizzes/FILE:LINE: message`."""
from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import CourseError
from .text_keys import stable_key
from .yaml_source import check, key_node, line_of, node_at, parse, read_text

QUIZ_DIR = "quizzes"
SCHEMA = "schema.json"
BLANK = re.compile(r"\[\[(.*?)\]\]")
CODE_LENGTH = 4  # characters of a question's code: compact enough for SCORM 1.2's 4,096


@dataclass
class Option:
    text: str
    correct: bool
    feedback: str
    line: int = 0  # where it starts in its bank, for messages

    @property
    def key(self) -> str:
        """A saved answer's key: made from the option's text, so reordering options, or
        shuffling them on the page, never moves a learner's answer to another option."""
        return stable_key(self.text)


@dataclass
class Question:
    id: str
    bank: str
    file: str
    line: int
    objective: int
    type: str
    kind: str
    question: str
    explanation: str
    page: str | None = None
    options: list[Option] = field(default_factory=list)
    # A fill question's feedback for a right answer and for any other: the LMS exports give
    # them to the answers they write (Moodle's catch-all "*"), so a learner there is taught too.
    feedback_right: str = ""
    feedback_wrong: str = ""

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"

    @property
    def blanks(self) -> list[str]:
        return BLANK.findall(self.question)

    @property
    def code(self) -> str:
        """Four characters that change whenever what a saved answer means changes: the id,
        the type, the options (by their text) and which of them are right, or a fill-in's
        answers. Saved answers carry the code they were given under, so an answer to a
        question whose options have changed is dropped, never applied to the new ones;
        rewording feedback or the explanation keeps it."""
        parts = [self.id, self.type] + (self.blanks if self.type == "fill" else
                                        sorted(f"{o.key}:{int(o.correct)}" for o in self.options))
        digest = hashlib.sha256("\n".join(parts).encode()).digest()
        return base64.urlsafe_b64encode(digest).decode()[:CODE_LENGTH]


@dataclass
class Bank:
    module: str
    file: str
    questions: dict[str, Question] = field(default_factory=dict)
    line: int = 1  # the `questions:` line, where bank-wide problems are reported


# --- YAML with line numbers: courseware/model/yaml_source.py ---------------------------------

def load_bank(path: Path, root: Path, schema: dict) -> tuple[Bank | None, list[str]]:
    """One bank, or None and the reasons it cannot be read.

    A build asks twice (the review page and the quiz check); the answer depends only on
    the file's name and text and the schema, so it is kept for as long as those stay."""
    file = path.relative_to(root).as_posix()
    try:
        text = read_text(path, file)
    except CourseError as error:
        return None, error.problems
    source = (str(path), text, json.dumps(schema, sort_keys=True))
    kept = _loaded.get(file)
    if kept is None or kept[0] != source:  # a changed bank replaces its old entry
        kept = _loaded[file] = (source, _load_bank(path, file, text, schema))
    return kept[1]


_loaded: dict[str, tuple[tuple[str, str, str], tuple[Bank | None, list[str]]]] = {}


def _load_bank(path: Path, file: str, text: str, schema: dict) -> tuple[Bank | None, list[str]]:
    try:
        tree, data = parse(text, file)
    except CourseError as error:
        return None, error.problems
    if tree is None:
        return None, [f"{file}:1: the bank is empty"]
    errors = check(tree, data, schema, file)
    if errors:
        return None, errors
    bank = Bank(module=data["module"], file=file, line=line_of(key_node(tree, "questions")))
    if data["module"] != path.stem:
        errors.append(f"{file}:{line_of(node_at(tree, ['module']))}: module '{data['module']}' must match "
                      f"the file name '{path.stem}'")
    for index, raw in enumerate(data["questions"]):
        node = node_at(tree, ["questions", index])
        q = Question(id=raw["id"], bank=bank.module, file=file, line=line_of(node), objective=raw["objective"],
                     type=raw["type"], kind=raw["kind"], question=raw["question"],
                     explanation=raw["explanation"], page=raw.get("page"),
                     feedback_right=raw.get("feedback_right", ""), feedback_wrong=raw.get("feedback_wrong", ""),
                     options=[Option(**o, line=line_of(node_at(node, ["options", i])))
                              for i, o in enumerate(raw.get("options", []))])
        errors += question_errors(q, node, file)
        if q.id in bank.questions:
            errors.append(f"{file}:{q.line}: duplicate question id '{q.id}' (first at {bank.questions[q.id].where})")
        else:
            bank.questions[q.id] = q
    return bank, errors


def question_errors(q: Question, node: yaml.Node, file: str) -> list[str]:
    """What mkdocs-quiz would render wrongly or silently accept."""
    errors = []

    def at(*path) -> str:  # the line of a field's key, or of a list item
        parent, last = node_at(node, path[:-1]), path[-1]
        target = key_node(parent, last) if isinstance(last, str) else node_at(parent, [last])
        return f"{file}:{line_of(target)}"

    for name in ("question", "explanation"):
        if not getattr(q, name).strip():
            errors.append(f"{at(name)}: '{name}' is empty")
    for name, text in [("question", q.question), ("explanation", q.explanation)] + \
            [(f"option {i + 1}", o.text + " " + o.feedback) for i, o in enumerate(q.options)]:
        tag = re.search(r"</?quiz\b[^>]*>", text, re.I)
        if tag:
            errors.append(f"{at('question')}: '{tag.group(0)}' in the {name} would end or nest mkdocs-quiz's quiz: "
                          "write it another way")
    if re.search(r"^\s*(- |\* |\d+\. |#)", q.question, re.M):
        errors.append(f"{at('question')}: the question must be plain paragraphs: a list or heading "
                      "in it breaks mkdocs-quiz's answer list")
    if q.type == "fill":
        for name in ("feedback_right", "feedback_wrong"):
            if getattr(q, name) and not getattr(q, name).strip():
                errors.append(f"{at(name)}: '{name}' is empty")
        if not q.blanks:
            errors.append(f"{at('question')}: a fill-in-the-blank question needs at least one [[answer]]")
        for blank in q.blanks:
            if not blank.strip():
                errors.append(f"{at('question')}: an empty blank [[ ]] would accept any answer")
        return errors
    if "[[" in q.question or any("[[" in o.text + o.feedback for o in q.options):
        errors.append(f"{at('question')}: '[[' makes mkdocs-quiz treat the question as fill-in-the-blank; "
                      "use type: fill, or reword")
    seen: dict[str, int] = {}
    for i, option in enumerate(q.options):
        if not option.text.strip():
            errors.append(f"{at('options', i, 'text')}: option {i + 1} is empty")
        if not option.feedback.strip():
            errors.append(f"{at('options', i, 'feedback')}: option {i + 1} has empty feedback")
        key = " ".join(option.text.lower().split())
        if key in seen:
            errors.append(f"{at('options', i)}: options {seen[key] + 1} and {i + 1} have the same text "
                          "(mkdocs-quiz would mark both correct)")
        seen.setdefault(key, i)
    correct = sum(o.correct for o in q.options)
    if correct == 0:
        errors.append(f"{at('options')}: no correct answer: mark one option 'correct: true'")
    elif q.type == "single" and correct > 1:
        errors.append(f"{at('options')}: a single-choice question has {correct} correct answers; "
                      "mark one, or make it type: multiple")
    elif q.type == "multiple" and correct < 2:
        errors.append(f"{at('type')}: a multiple-choice question needs two or more correct answers "
                      "(with one, mkdocs-quiz shows radio buttons); make it type: single")
    return errors
