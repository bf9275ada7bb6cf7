"""Checks of the question banks and of the quiz markup in pages, with source lines.

Used by the quiz_banks hook at build time and by scripts/check_quizzes.py alone. Every
problem is reported as `FILE:LINE: message`, the line being the line of the source file.
"""
from __future__ import annotations

import difflib
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema
import yaml

QUIZ_DIR = "quizzes"
SCHEMA = "schema.json"
MARKER = re.compile(r"<!--\s*quiz\s+(?P<args>[^>]*?)\s*-->")
BLANK = re.compile(r"\[\[(.*?)\]\]")
FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass
class Option:
    text: str
    correct: bool
    feedback: str


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

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class Bank:
    module: str
    file: str
    questions: dict[str, Question] = field(default_factory=dict)


@dataclass
class Module:
    name: str
    title: str
    objectives: int
    page_order: list[str]          # src paths: overview, lessons, summary
    page_titles: dict[str, str]


@dataclass
class Course:
    banks: dict[str, Bank] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)
    modules: list[Module] = field(default_factory=list)
    page_quiz_ids: dict[str, list[str]] = field(default_factory=dict)  # in mkdocs-quiz's order
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def module(self, name: str) -> Module:
        return next(m for m in self.modules if m.name == name)

    def marker_questions(self, src: str, marker: str) -> list[Question]:
        """The questions a (checked) marker on page src stands for, in order."""
        bank_name, *ids = MARKER.match(marker)["args"].split()
        bank = self.banks[bank_name]
        if ids:
            return [bank.questions[i] for i in ids]
        stem = Path(src).stem if src.startswith(f"modules/{bank.module}/") else None
        return [q for q in bank.questions.values() if q.page == stem]


# --- YAML with line numbers ----------------------------------------------------------

def _node_at(node: yaml.Node, path) -> yaml.Node:
    """The YAML node at a JSON path (keys and indices), as far as it goes."""
    for step in path:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == step), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            match = node.value[step]
        else:
            match = None
        if match is None:
            break
        node = match
    return node


def _key_node(node: yaml.Node, key: str) -> yaml.Node:
    return next((k for k, _ in node.value if k.value == key), node) if isinstance(node, yaml.MappingNode) else node


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _duplicate_keys(node: yaml.Node, file: str, errors: list[str]):
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key, value in node.value:
            if key.value in seen:
                errors.append(f"{file}:{_line(key)}: field '{key.value}' is given twice")
            seen.add(key.value)
            _duplicate_keys(value, file, errors)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _duplicate_keys(item, file, errors)


def _schema_errors(data, tree: yaml.Node, schema: dict, file: str) -> list[str]:
    errors = []
    validator = jsonschema.Draft202012Validator(schema)
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        node = _node_at(tree, error.absolute_path)
        if error.validator == "additionalProperties":
            allowed = list(error.schema.get("properties", {}))
            for extra in sorted(set(error.instance) - set(allowed)):
                hint = difflib.get_close_matches(extra, allowed, n=1)
                did_you_mean = f"; did you mean '{hint[0]}'?" if hint else f"; allowed: {', '.join(allowed)}"
                errors.append(f"{file}:{_line(_key_node(node, extra))}: unknown field '{extra}'{did_you_mean}")
        elif error.validator == "required":
            errors.append(f"{file}:{_line(node)}: {error.message}")
        elif error.validator == "not":  # the schema's only "not": fill takes no options
            errors.append(f"{file}:{_line(_key_node(node, 'options'))}: a fill-in-the-blank question takes "
                          "no options: its answers are the [[blanks]] in the question")
        elif error.validator == "minLength":
            errors.append(f"{file}:{_line(node)}: '{error.absolute_path[-1]}' is empty")
        else:
            where = "/".join(map(str, error.absolute_path)) or "bank"
            errors.append(f"{file}:{_line(node)}: {where}: {error.message}")
    return errors


def load_bank(path: Path, root: Path, schema: dict) -> tuple[Bank | None, list[str]]:
    file = path.relative_to(root).as_posix()
    text = path.read_text(encoding="utf-8")
    try:
        tree = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return None, [f"{file}:{mark.line + 1 if mark else 1}: YAML syntax error: {error.problem}"]
    if tree is None:
        return None, [f"{file}:1: the bank is empty"]
    errors: list[str] = []
    _duplicate_keys(tree, file, errors)
    errors += _schema_errors(data, tree, schema, file)
    if errors:
        return None, errors
    bank = Bank(module=data["module"], file=file)
    if data["module"] != path.stem:
        errors.append(f"{file}:{_line(_node_at(tree, ['module']))}: module '{data['module']}' must match "
                      f"the file name '{path.stem}'")
    for index, raw in enumerate(data["questions"]):
        node = _node_at(tree, ["questions", index])
        q = Question(id=raw["id"], bank=bank.module, file=file, line=_line(node), objective=raw["objective"],
                     type=raw["type"], kind=raw["kind"], question=raw["question"],
                     explanation=raw["explanation"], page=raw.get("page"),
                     options=[Option(**o) for o in raw.get("options", [])])
        errors += _question_errors(q, node, file)
        if q.id in bank.questions:
            errors.append(f"{file}:{q.line}: duplicate question id '{q.id}' (first at {bank.questions[q.id].where})")
        else:
            bank.questions[q.id] = q
    return bank, errors


def _question_errors(q: Question, node: yaml.Node, file: str) -> list[str]:
    errors = []

    def at(*path) -> str:  # the line of a field's key, or of a list item
        parent, last = _node_at(node, path[:-1]), path[-1]
        target = _key_node(parent, last) if isinstance(last, str) else _node_at(parent, [last])
        return f"{file}:{_line(target)}"

    for name in ("question", "explanation"):
        if not getattr(q, name).strip():
            errors.append(f"{at(name)}: '{name}' is empty")
    if re.search(r"^\s*(- |\* |\d+\. |#)", q.question, re.M):
        errors.append(f"{at('question')}: the question must be plain paragraphs: a list or heading "
                      "in it breaks mkdocs-quiz's answer list")
    blanks = BLANK.findall(q.question)
    if q.type == "fill":
        if not blanks:
            errors.append(f"{at('question')}: a fill-in-the-blank question needs at least one [[answer]]")
        for blank in blanks:
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


# --- pages ---------------------------------------------------------------------------

def _code_mask(lines: list[str]) -> list[bool]:
    inside, mask = False, []
    for line in lines:
        fence = bool(FENCE.match(line))
        mask.append(inside or fence)
        if fence:
            inside = not inside
    return mask


def raw_quiz_id(source: str) -> str:
    """A stable id for a <quiz> written straight into a page: from its question."""
    question = source.strip().splitlines()[0] if source.strip() else ""
    return "quiz-" + hashlib.sha256(" ".join(question.split()).encode()).hexdigest()[:10]


def scan_page(src: str, text: str, course: Course, used: set[str]) -> list[str]:
    """Check markers and raw <quiz> markup on one page; return the page's quiz ids in order."""
    file = f"docs/{src}"
    lines = text.splitlines()
    in_code = _code_mask(lines)
    ids: list[str] = []
    open_at: int | None = None
    quiz_lines: list[str] = []
    for number, (line, code) in enumerate(zip(lines, in_code), 1):
        if open_at is not None:
            if code and "[[" in line:
                course.errors.append(f"{file}:{number}: '[[' in a code block inside a quiz turns it into "
                                     "fill-in-the-blank; move the code out of the quiz")
            if re.search(r"</quiz>", line):
                ids.append(raw_quiz_id("\n".join(quiz_lines)))
                open_at, quiz_lines = None, []
            elif "<quiz" in line.lower():
                course.errors.append(f"{file}:{number}: <quiz> inside the quiz opened at line {open_at}; "
                                     "close the first with </quiz>")
            else:
                quiz_lines.append(line)
            continue
        if code:
            continue
        for tag in re.findall(r"</?quiz\b[^>]*>", line, re.I):
            if tag == "<quiz>":
                open_at = number
                quiz_lines = [line.split("<quiz>", 1)[1]] if line.split("<quiz>", 1)[1].strip() else []
            elif tag == "</quiz>":
                course.errors.append(f"{file}:{number}: </quiz> with no <quiz> before it")
            else:
                course.errors.append(f"{file}:{number}: '{tag}' is not read by mkdocs-quiz: write <quiz> "
                                     "exactly (lower case, no attributes)")
        for marker in MARKER.finditer(line):
            ids += _marker_ids(marker, f"{file}:{number}", src, course, used)
    if open_at is not None:
        course.errors.append(f"{file}:{open_at}: <quiz> is never closed: add </quiz> after its explanation")
    return ids


def _marker_ids(marker: re.Match, where: str, src: str, course: Course, used: set[str]) -> list[str]:
    bank_name, *ids = marker["args"].split()
    bank = course.banks.get(bank_name)
    if bank is None:
        known = ", ".join(sorted(course.banks)) or "none"
        course.errors.append(f"{where}: marker names bank '{bank_name}', which does not exist (banks: {known})")
        return []
    if ids:
        missing = [i for i in ids if i not in bank.questions]
        for i in missing:
            hint = difflib.get_close_matches(i, list(bank.questions), n=1)
            course.errors.append(f"{where}: marker names question '{i}', which bank '{bank_name}' does not have"
                                 + (f"; did you mean '{hint[0]}'?" if hint else ""))
        ids = [i for i in ids if i not in missing]
    else:
        if not src.startswith(f"modules/{bank.module}/"):
            course.errors.append(f"{where}: '<!-- quiz {bank_name} -->' shows the questions of the page it is "
                                 "on, so it only works in that module; name the questions to use them here")
            return []
        stem = Path(src).stem
        ids = [q.id for q in bank.questions.values() if q.page == stem]
        if not ids:
            course.errors.append(f"{where}: bank '{bank_name}' has no question with page: {stem}")
    used.update(ids)
    return ids


def _module_info(root: Path, name: str, pages: dict[str, str]) -> tuple[Module, list[str]]:
    overview_src = f"modules/{name}/index.md"
    text = pages.get(overview_src, "")
    title = (re.search(r"^# +(.+)$", text, re.M) or [None, name])[1]
    section = re.search(r"^## +Learning objectives\s*$(.*?)(?=^## |\Z)", text, re.M | re.S)
    objectives = len(re.findall(r"^\d+\. ", section.group(1), re.M)) if section else 0
    lessons = re.findall(r"^\|\s*\[[^\]]+\]\(([^)#]+\.md)\)", text, re.M)
    order = [overview_src] + [f"modules/{name}/{link}" for link in lessons]
    titles = {src: (re.search(r"^# +(.+)$", pages.get(src, ""), re.M) or [None, Path(src).stem])[1]
              for src in order}
    errors = [] if objectives else [f"docs/{overview_src}:1: no numbered 'Learning objectives' list"]
    return Module(name, title, objectives, order, titles), errors


def check_course(root: Path, pages: dict[str, str]) -> Course:
    """Load and check every bank in root/quizzes against the pages (src path -> markdown)."""
    course = Course()
    schema = json.loads((root / QUIZ_DIR / SCHEMA).read_text())
    for path in sorted((root / QUIZ_DIR).glob("*.y*ml")):
        bank, errors = load_bank(path, root, schema)
        course.errors += errors
        if bank is None:
            continue
        course.banks[bank.module] = bank
        for q in bank.questions.values():
            first = course.questions.get(q.id)
            if first and first is not q:
                course.errors.append(f"{q.where}: duplicate question id '{q.id}' (first at {first.where})")
            course.questions.setdefault(q.id, q)

    for name in sorted({src.split("/")[1] for src in pages if src.startswith("modules/") and src.count("/") == 2}):
        module, errors = _module_info(root, name, pages)
        course.modules.append(module)
        course.errors += errors
    for bank in course.banks.values():
        module = next((m for m in course.modules if m.name == bank.module), None)
        if module is None:
            course.errors.append(f"{bank.file}:1: module '{bank.module}' has no folder docs/modules/{bank.module}/")
            continue
        for q in bank.questions.values():
            if q.objective > module.objectives:
                course.errors.append(f"{q.where}: objective {q.objective} is not defined: the {bank.module} "
                                     f"overview lists {module.objectives} learning objectives")
            if q.page and f"modules/{bank.module}/{q.page}.md" not in pages:
                course.errors.append(f"{q.where}: page '{q.page}' is not a page of docs/modules/{bank.module}/")

    used: set[str] = set()
    for src in sorted(pages):
        ids = scan_page(src, pages[src], course, used)
        if ids:
            course.page_quiz_ids[src] = ids
    for q in course.questions.values():
        if q.id not in used:
            course.warnings.append(f"{q.where}: question '{q.id}' is not used on any page")
    return course
