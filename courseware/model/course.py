"""The whole course's check: every bank, and how the pages use them.

A page shows questions with a marker: `<!-- quiz BANK -->` shows the questions of BANK
whose `page` is this page; `<!-- quiz BANK ID ID… -->` shows exactly those. Raw
mkdocs-quiz markup (`<quiz>…</quiz>`) written into a page is checked too, because
mkdocs-quiz passes over many of its mistakes in silence.
"""
from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import front_matter, item_rules, organisation
from .banks import QUIZ_DIR, SCHEMA, Bank, Question, load_bank
from .errors import CourseError
from .text_keys import stable_key

# A module test's pool of questions (quizzes/assessment/NN-slug.yml, in the bank schema):
# exported for the LMS's own quiz engine, never shown on a page.
POOL_DIR = "assessment"
# A pool holds at least three times the questions a test draws, so two attempts differ...
POOL_FACTOR = 3
# ...and two or more for each of the module's objectives, so every draw can reach each one.
POOL_PER_OBJECTIVE = 2

MARKER = re.compile(r"<!--\s*quiz\s+(?P<args>[^>]*?)\s*-->")
NEAR_MARKER = re.compile(r"<!--\s*quiz\b[^>]*-->", re.I)  # a marker in another case is silently ignored
FENCE = re.compile(r"^\s*(```|~~~)")


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
    unreadable: set[str] = field(default_factory=set)  # banks whose file could not be read (already reported)
    pools: dict[str, Bank] = field(default_factory=dict)  # module tests' pools, by module: never on a page
    pool_questions: dict[str, Question] = field(default_factory=dict)
    # Said, but stopping nothing, not even a strict build: a module whose pool has not landed yet.
    notices: list[str] = field(default_factory=list)
    test_length: int = organisation.DEFAULTS["lms.assessment_questions"]
    pass_mark: int = organisation.DEFAULTS["lms.assessment_pass_mark"]

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
    return "quiz-" + stable_key(question)


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
                rest = line.split("<quiz>", 1)[1]
                quiz_lines = [rest] if rest.strip() else []
            elif tag == "</quiz>":
                course.errors.append(f"{file}:{number}: </quiz> with no <quiz> before it")
            else:
                course.errors.append(f"{file}:{number}: '{tag}' is not read by mkdocs-quiz: write <quiz> "
                                     "exactly (lower case, no attributes)")
        for marker in MARKER.finditer(line):
            ids += _marker_ids(marker, f"{file}:{number}", src, course, used)
        for near in NEAR_MARKER.finditer(line):
            if not MARKER.match(near.group(0)):
                course.errors.append(f"{file}:{number}: '{near.group(0)}' is not read as a quiz marker: write it "
                                     "as <!-- quiz BANK --> in lower case")
    if open_at is not None:
        course.errors.append(f"{file}:{open_at}: <quiz> is never closed: add </quiz> after its explanation")
    return ids


def _marker_ids(marker: re.Match, where: str, src: str, course: Course, used: set[str]) -> list[str]:
    bank_name, *ids = marker["args"].split()
    bank = course.banks.get(bank_name)
    if bank is None:
        if bank_name not in course.unreadable:  # an unreadable bank is reported once, at its own line
            known = ", ".join(sorted(course.banks)) or "none"
            course.errors.append(f"{where}: marker names bank '{bank_name}', which does not exist (banks: {known})")
        return []
    if ids:
        missing = [i for i in ids if i not in bank.questions]
        for i in missing:
            if i in course.pool_questions:
                course.errors.append(f"{where}: marker names '{i}', a module test's question "
                                     f"({course.pool_questions[i].where}): those are never shown on a page")
                continue
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


def module_info(name: str, pages: dict[str, str]) -> tuple[Module, list[str]]:
    """A module's title, objectives and page order, from its overview's Lessons table."""
    overview_src = f"modules/{name}/index.md"
    text = pages.get(overview_src, "")
    section = re.search(r"^## +Learning objectives\s*$(.*?)(?=^## |\Z)", text, re.M | re.S)
    objectives = len(re.findall(r"^\d+\. ", section.group(1), re.M)) if section else 0
    lessons = re.findall(r"^\|\s*\[[^\]]+\]\(([^)#]+\.md)\)", text, re.M)
    order = [overview_src] + [f"modules/{name}/{link}" for link in lessons]
    titles = {src: front_matter.title(pages.get(src, ""), Path(src).stem) for src in order}
    errors = [] if objectives else [f"docs/{overview_src}:1: no numbered 'Learning objectives' list"]
    return Module(name, front_matter.title(text, name), objectives, order, titles), errors


def organisation_reference_errors(bank: Bank) -> list[str]:
    """{{ org.… }} in a bank names a setting that exists: checked here, at the question's
    line, before the pages that show the question would report it as theirs."""
    errors = []
    for q in bank.questions.values():
        texts = [q.question, q.explanation, q.feedback_right, q.feedback_wrong] + \
            [t for o in q.options for t in (o.text, o.feedback)]
        for match in (m for text in texts for m in organisation.REFERENCE.finditer(text)):
            if match["key"] not in organisation.SETTINGS:
                errors.append(f"{q.where}: '{{{{ org.{match['key']} }}}}' is not an organisation setting "
                              f"(see {organisation.FILE})")
    return errors


def check_course(root: Path, pages: dict[str, str]) -> Course:
    """Load and check every bank in root/quizzes against the pages (src path -> markdown).

    Problems are collected in course.errors and course.warnings, all of them at once, so
    an author sees every mistake in one run."""
    course = Course()
    schema = json.loads((root / QUIZ_DIR / SCHEMA).read_text(encoding="utf-8"))
    for path in sorted((root / QUIZ_DIR).glob("*.y*ml")):
        bank, errors = load_bank(path, root, schema)
        course.errors += errors
        if bank is None:
            course.unreadable.add(path.stem)
            continue
        if bank.module in course.banks:
            course.errors.append(f"{bank.file}:1: a second bank for module '{bank.module}' (the first is "
                                 f"{course.banks[bank.module].file}): keep one file a module")
            continue
        course.errors += organisation_reference_errors(bank)
        course.banks[bank.module] = bank
        course.errors += item_rules.check(bank)
        for q in bank.questions.values():
            first = course.questions.get(q.id)
            if first and first is not q:
                course.errors.append(f"{q.where}: duplicate question id '{q.id}' (first at {first.where})")
            course.questions.setdefault(q.id, q)

    load_pools(root, schema, course)

    for name in sorted({src.split("/")[1] for src in pages if src.startswith("modules/") and src.count("/") == 2}):
        module, errors = module_info(name, pages)
        course.modules.append(module)
        course.errors += errors
    for bank in [*course.banks.values(), *course.pools.values()]:
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

    course.errors += pool_size_errors(course)

    used: set[str] = set()
    for src in sorted(pages):
        ids = scan_page(src, pages[src], course, used)
        if ids:
            course.page_quiz_ids[src] = ids
    for q in course.questions.values():
        if q.id not in used:
            course.warnings.append(f"{q.where}: question '{q.id}' is not used on any page")
    return course


def load_pools(root: Path, schema: dict, course: Course):
    """The module tests' pools, with the banks' checks, their ids unique across banks and
    pools, and the test's settings from organisation.yml (the defaults while that file has a
    fault, which its own check reports)."""
    try:
        settings = organisation.load(root)
        course.test_length, course.pass_mark = settings.assessment_questions(), settings.assessment_pass_mark()
    except CourseError:
        pass
    for path in sorted((root / QUIZ_DIR / POOL_DIR).glob("*.y*ml")):
        pool, errors = load_bank(path, root, schema)
        course.errors += errors
        if pool is None:
            continue
        if pool.module in course.pools:
            course.errors.append(f"{pool.file}:1: a second pool for module '{pool.module}' (the first is "
                                 f"{course.pools[pool.module].file}): keep one file a module")
            continue
        course.errors += organisation_reference_errors(pool) + item_rules.check(pool)
        course.pools[pool.module] = pool
        for q in pool.questions.values():
            if not q.page:  # the feedback sends a learner who got it wrong to that lesson
                course.errors.append(f"{q.where}: a module test's question needs 'page': the lesson it draws on")
            first = course.questions.get(q.id) or course.pool_questions.get(q.id)
            if first and first is not q:
                course.errors.append(f"{q.where}: duplicate question id '{q.id}' (first at {first.where})")
            course.pool_questions.setdefault(q.id, q)


def pool_size_errors(course: Course) -> list[str]:
    """Each pool big enough for its test to differ between attempts and to reach every
    objective; a module with a bank and no pool yet is a notice (pools land one at a time)."""
    errors = []
    for module in course.modules:
        pool = course.pools.get(module.name)
        if pool is None:
            if module.name in course.banks:
                course.notices.append(f"{QUIZ_DIR}/{POOL_DIR}/{module.name}.yml: module '{module.name}' has no "
                                      "assessment pool yet, so the LMS exports have no module test for it")
            continue
        wanted = POOL_FACTOR * course.test_length
        if len(pool.questions) < wanted:
            errors.append(f"{pool.file}:{pool.line}: {len(pool.questions)} questions, fewer than the {wanted} a test "
                          f"of {course.test_length} needs ({POOL_FACTOR} times as many, so attempts differ)")
        for objective in range(1, module.objectives + 1):
            count = sum(q.objective == objective for q in pool.questions.values())
            if count < POOL_PER_OBJECTIVE:
                errors.append(f"{pool.file}:{pool.line}: {count} question{'' if count == 1 else 's'} for objective "
                              f"{objective}, fewer than {POOL_PER_OBJECTIVE}: every objective needs two or more")
    return errors


def read_pages(docs: Path) -> dict[str, str]:
    """Every markdown page under docs/, by its path below docs/ (what the engine calls src)."""
    return {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in sorted(docs.rglob("*.md"))}
