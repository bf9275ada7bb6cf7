"""Question banks: their numbers, every validation case (with the source line), and the
built result: stable ids, cached quiz assets, page weight, answer keys."""
from __future__ import annotations

import gzip
import html as html_module
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from assessment_pool import write_pool
from conftest import ROOT, copy_project, strict_build, page_paths

from courseware.model import banks
from courseware.model.text_keys import one_line

DOCS = ROOT / "docs"



# --- the banks meet the course's numbers ----------------------------------------------

def test_one_bank_per_module_and_two_hundred_questions(course):
    assert sorted(course.banks) == sorted(m.name for m in course.modules)
    assert len(course.questions) >= 200


def test_every_lesson_has_a_self_check_and_every_module_a_module_check(course):
    for module in course.modules:
        for src in module.page_order[1:]:
            if src.rsplit("/", 1)[-1].startswith("conversation-"):
                continue  # a branching conversation is practice, not a lesson (README "Conversations")
            count = len(course.page_quiz_ids.get(src, []))
            if src.endswith("/summary.md"):
                assert count >= 10, f"docs/{src}: module check has {count} questions"
            else:
                assert 3 <= count <= 5, f"docs/{src}: self-check has {count} questions"


def test_every_objective_is_checked_by_two_questions_or_more(course):
    for module in course.modules:
        counts = Counter(q.objective for q in course.banks[module.name].questions.values())
        for objective in range(1, module.objectives + 1):
            assert counts[objective] >= 2, f"{module.name}: objective {objective} has {counts[objective]} questions"


def test_all_three_types_and_more_scenario_than_recall(course):
    questions = list(course.questions.values())
    assert {q.type for q in questions} == {"single", "multiple", "fill"}
    kinds = Counter(q.kind for q in questions)
    assert kinds["scenario"] > kinds["recall"], kinds


def test_every_option_explains_itself(course):
    for q in course.questions.values():
        for option in q.options:
            assert len(option.feedback.split()) >= 5, f"{q.where}: feedback on '{option.text}' is too thin"


def test_schema_lists_the_fields_the_check_reads():
    schema = yaml.safe_load((ROOT / "quizzes/schema.json").read_text())
    fields = set(schema["$defs"]["question"]["properties"])
    assert fields == set(banks.Question.__dataclass_fields__) - {"bank", "file", "line"}
    assert set(schema["$defs"]["option"]["properties"]) == set(banks.Option.__dataclass_fields__) - {"line"}


# --- validation: each mistake stops the check with FILE:LINE ---------------------------

GOOD = """
  - id: probe-question
    objective: 1
    page: managing-and-leading
    type: single
    kind: scenario
    question: Tom asks to swap shifts on a busy Monday. What do you check first?
    options:
      - text: The cover plan for Monday.
        correct: true
        feedback: Right, the queue still needs people.
      - text: Whether Tom is your friend.
        correct: false
        feedback: Friendship must not decide it.
    explanation: Decide swaps on cover, not on who asks.
"""


FILL = """
  - id: probe-blank
    objective: 1
    page: managing-and-leading
    type: fill
    kind: recall
    question: Leadership copes with [[change]].
    feedback_right: Right, and management copes with complexity.
    feedback_wrong: Not quite, so think of what Kotter set against it.
    explanation: Kotter (1990).
"""


def project_with(tmp_path: Path, bank_addition: str = "", page_addition: str = "",
                 bank: str = "01-foundations", page: str = "modules/01-foundations/managing-and-leading.md") -> tuple[Path, int]:
    """A copy of the course with text added to a bank and to a page; returns the copy and
    the first line number of the added bank text."""
    project = copy_project(tmp_path / "project")
    (project / "scripts").mkdir()
    (project / "scripts/check_quizzes.py").write_text((ROOT / "scripts/check_quizzes.py").read_text())
    bank_file = project / "quizzes" / f"{bank}.yml"
    first_line = len(bank_file.read_text().rstrip("\n").splitlines()) + 1
    if bank_addition:
        bank_file.write_text(bank_file.read_text().rstrip("\n") + "\n" + bank_addition.lstrip("\n"))
    if page_addition:
        page_file = project / "docs" / page
        page_file.write_text(page_file.read_text() + page_addition)
    return project, first_line


def check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "scripts/check_quizzes.py", "--strict"], cwd=project,
                          capture_output=True, text=True, timeout=120)


def mutate(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new)


# name: (bank text added, line of the problem counted from the added text's first line
#        (None: anywhere in it), message)
CASES = {
    "no correct answer": (mutate("correct: true", "correct: false"), 6, r"no correct answer"),
    "two correct on single": (mutate("correct: false", "correct: true"), 6,
                              r"single-choice question has 2 correct answers"),
    "same option text": (mutate("Whether Tom is your friend.", "The cover plan for Monday."), 10,
                         r"options 1 and 2 have the same text"),
    "empty option": (mutate("Whether Tom is your friend.", '" "'), 10, r"option 2 is empty"),
    "empty question": (mutate("Tom asks to swap shifts on a busy Monday. What do you check first?", '" "'), 5,
                       r"'question' is empty"),
    "empty blank": (FILL.replace("[[change]]", "[[ ]]"), 5, r"empty blank \[\[ \]\] would accept any answer"),
    "fill without feedback": (FILL.replace("    feedback_wrong: Not quite, so think of what Kotter set against it.\n", ""),
                              0, r"a fill-in-the-blank question needs 'feedback_wrong': the LMS exports give"),
    "fill with options": (FILL.replace("    explanation:", "    options:\n      - {text: a, correct: true, feedback: b}\n"
                                       "      - {text: c, correct: false, feedback: d}\n    explanation:"), 8,
                          r"a fill-in-the-blank question takes no options: its answers are the \[\[blanks\]\]"),
    "feedback_right on a single": (mutate("    explanation:", "    feedback_right: Right.\n    explanation:"), 13,
                                   r"'feedback_right' is for fill-in-the-blank questions only: a single question "
                                   r"gives its feedback on each option"),
    "duplicate id in bank": (mutate("id: probe-question", "id: found-slogan-replies"), 0,
                             r"duplicate question id 'found-slogan-replies' \(first at quizzes/01-foundations\.yml:\d+\)"),
    "undefined objective": (mutate("objective: 1", "objective: 9"), 0, r"objective 9 is not defined"),
    "misspelt field": (mutate("    options:", "    optoins:"), 6, r"unknown field 'optoins'; did you mean 'options'\?"),
    "unknown field": (mutate("    kind: scenario", "    kind: scenario\n    difficulty: hard"), 5,
                      r"unknown field 'difficulty'"),
    "yaml syntax": (mutate("question: Tom asks", "question: [Tom asks"), None, r"YAML syntax error"),
    "multiple with one correct": (mutate("type: single", "type: multiple"), 3,
                                  r"multiple-choice question needs two or more correct answers"),
    "control character": (mutate("Tom asks", "Tom\x07 asks"), 5, r"character U\+0007 is not allowed in YAML"),
    "recursive alias": (mutate("question: Tom asks to swap shifts on a busy Monday. What do you check first?",
                               "question: &loop [*loop]"), 5, r"YAML anchors and aliases .* are not allowed here"),
    "alias bomb": (mutate("    explanation: Decide swaps on cover, not on who asks.\n",
                          "    explanation: Decide swaps on cover, not on who asks.\n    bomb: &a [x, x, x, x, x, x, x, x, x]\n"
                          + "".join(f"    b{n}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 9)}]\n"
                                    for n in range(8))), 14, r"YAML anchors and aliases"),
    "key that is not text": (mutate("    kind: scenario", "    kind: scenario\n    1: x"), 5,
                             r"the key '1' is not text"),
    "quiz tag in a question": (mutate("What do you check first?", "What ends a </quiz> here?"), 5,
                               r"'</quiz>' in the question would end or nest mkdocs-quiz's quiz"),
    "unknown organisation setting": (mutate("What do you check first?", "Who is {{ org.contacts.no_such }}?"), 0,
                                     r"'\{\{ org\.contacts\.no_such \}\}' is not an organisation setting"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bank_mistake_is_reported_at_its_line(tmp_path, name):
    addition, offset, message = CASES[name]
    project, start = project_with(tmp_path, addition)
    result = check(project)
    assert result.returncode == 1, result.stdout
    found = re.search(rf"quizzes/01-foundations\.yml:(\d+): .*{message}", result.stdout)
    assert found, result.stdout
    line = int(found.group(1))
    if offset is None:
        assert start <= line < start + len(addition.strip("\n").splitlines()) + 1, result.stdout
    else:
        assert line == start + offset, f"expected line {start + offset}:\n{result.stdout}"


def test_a_bank_that_is_not_utf8_is_a_sentence_at_its_line(tmp_path):
    project, start = project_with(tmp_path, GOOD)
    bank = project / "quizzes/01-foundations.yml"
    bank.write_bytes(bank.read_bytes().replace(b"swap shifts", b"swap shifts caf\xe9"))
    result = check(project)
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert f"quizzes/01-foundations.yml:{start + 5}: byte 0xe9 is not UTF-8 text" in result.stdout, result.stdout
    assert "marker names bank" not in result.stdout, "an unreadable bank is reported once, not at every marker"


def test_a_second_bank_for_a_module_and_a_miscased_marker_are_named(tmp_path):
    """DEF-13 (B36, B43): each was reported only as questions 'not used on any page'."""
    project, _ = project_with(tmp_path, page_addition="\n<!-- Quiz 01-foundations -->\n")
    (project / "quizzes/01-foundations.yaml").write_text((project / "quizzes/01-foundations.yml").read_text())
    output = check(project).stdout
    assert "quizzes/01-foundations.yml:1: a second bank for module '01-foundations' (the first is " \
           "quizzes/01-foundations.yaml): keep one file a module" in output, output
    assert re.search(r"docs/modules/01-foundations/managing-and-leading\.md:\d+: '<!-- Quiz 01-foundations -->' is "
                     r"not read as a quiz marker", output), output


def test_duplicate_id_across_banks(tmp_path):
    addition = mutate("id: probe-question", "id: found-slogan-replies").replace(
        "page: managing-and-leading", "page: grow-and-sbi")
    project, start = project_with(tmp_path, addition, bank="02-coaching")
    result = check(project)
    assert re.search(rf"quizzes/02-coaching\.yml:{start}: duplicate question id 'found-slogan-replies' "
                     r"\(first at quizzes/01-foundations\.yml:\d+\)", result.stdout), result.stdout


def test_unused_question_is_a_warning_that_strict_makes_fatal(tmp_path):
    addition = mutate("    page: managing-and-leading\n", "")
    project, start = project_with(tmp_path, addition)
    lenient = subprocess.run([sys.executable, "scripts/check_quizzes.py"], cwd=project, capture_output=True, text=True)
    assert lenient.returncode == 0 and f"warning: quizzes/01-foundations.yml:{start}: question 'probe-question' is not used" in lenient.stdout
    assert check(project).returncode == 1
    build = strict_build(project, tmp_path / "site")
    assert build.returncode != 0 and "probe-question' is not used on any page" in build.stdout + build.stderr


PAGE = "docs/modules/01-foundations/managing-and-leading.md"


@pytest.mark.parametrize("addition, message", [
    ("\n<!-- quiz 09-nothing -->\n", r"marker names bank '09-nothing', which does not exist"),
    ("\n<!-- quiz 01-foundations found-no-such-question -->\n",
     r"marker names question 'found-no-such-question', which bank '01-foundations' does not have"),
    ("\n<quiz>\nAn unclosed quiz?\n- [x] Yes\n- [ ] No\n", r"<quiz> is never closed"),
    ("\nA stray end tag.\n\n</quiz>\n", r"</quiz> with no <quiz> before it"),
    ("\n<quiz>\nWhat does this print?\n```python\nprint(items[[0]])\n```\n- [x] A\n- [ ] B\n</quiz>\n",
     r"'\[\[' in a code block inside a quiz"),
    ("\n<QUIZ>\nShouting?\n- [x] Yes\n- [ ] No\n</QUIZ>\n", r"'<QUIZ>' is not read by mkdocs-quiz"),
], ids=["unknown bank", "unknown question", "unclosed quiz", "stray end tag", "blank in code", "upper case tag"])
def test_page_mistake_is_reported_at_its_line(tmp_path, addition, message):
    project, _ = project_with(tmp_path, page_addition=addition)
    page_lines = len((ROOT / PAGE).read_text().splitlines())
    result = check(project)
    assert result.returncode == 1
    found = re.search(rf"{re.escape(PAGE)}:(\d+): .*{message}", result.stdout)
    assert found, result.stdout
    assert page_lines < int(found.group(1)) <= page_lines + addition.count("\n") + 1


def test_build_stops_with_the_bank_line(tmp_path):
    addition = CASES["no correct answer"][0]
    project, start = project_with(tmp_path, addition)
    build = strict_build(project, tmp_path / "site")
    output = build.stdout + build.stderr
    assert build.returncode != 0
    assert re.search(rf"quizzes/01-foundations\.yml:{start + 6}: .*no correct answer", output), output


def test_check_quizzes_is_fast_and_clean_on_the_course():
    result = subprocess.run([sys.executable, "scripts/check_quizzes.py", "--strict"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout
    modules = sum(1 for d in (ROOT / "docs/modules").iterdir() if d.is_dir())  # a bank per module
    assert re.search(rf"{modules} banks, \d{{3}} questions", result.stdout)


# --- module test pools (quizzes/assessment/): the banks' checks, and their own ---------

POOL = "quizzes/assessment/01-foundations.yml"


def project_with_pool(tmp_path: Path, size: int = 15) -> tuple[Path, dict[str, str]]:
    project, _ = project_with(tmp_path)
    return project, write_pool(project, size)


def pool_line(project: Path, text: str) -> int:
    return next(n for n, line in enumerate((project / POOL).read_text().splitlines(), 1) if text in line)


def test_a_pool_is_checked_like_a_bank_at_its_lines(tmp_path):
    """Issue 25, item 3: schema, item rules and ids unique across banks and pools, each at
    the pool's line; a clean pool of 15 passes, and the modules still without one are
    warnings that do not fail --strict (the pools land one module at a time)."""
    project, marks = project_with_pool(tmp_path)
    clean = check(project)
    assert clean.returncode == 0, clean.stdout
    assert f"1 assessment pools ({len(marks)} questions)" in clean.stdout
    assert "warning: quizzes/assessment/02-coaching.yml: module '02-coaching' has no assessment pool yet" in clean.stdout
    assert "01-foundations' has no assessment pool" not in clean.stdout

    pool = project / POOL
    second = list(marks)[1]
    text = pool.read_text()
    text = text.replace(f"id: {second}", "id: found-slogan-replies", 1)   # a bank's id
    pool.write_text(text)
    result = check(project)
    assert result.returncode == 1
    duplicate = pool_line(project, "id: found-slogan-replies")
    assert re.search(rf"{POOL}:{duplicate}: duplicate question id 'found-slogan-replies' "
                     r"\(first at quizzes/01-foundations\.yml:\d+\)", result.stdout), result.stdout
    pool.write_text(text.replace("type: single", "type: singel", 1))
    result = check(project)
    assert re.search(rf"{POOL}:{pool_line(project, 'type: singel')}: .*'singel' is not one of", result.stdout), \
        result.stdout


def test_a_pool_names_an_objective_and_a_rule_at_its_line(tmp_path):
    project, marks = project_with_pool(tmp_path)
    text = (project / POOL).read_text()
    (project / POOL).write_text(text.replace("objective: 1\n", "objective: 9\n", 1)
                                .replace("correct: true", "correct: false", 1))
    result = check(project)
    first = pool_line(project, f"id: {next(iter(marks))}")
    assert re.search(rf"{POOL}:{first}: objective 9 is not defined", result.stdout), result.stdout
    assert re.search(rf"{POOL}:\d+: no correct answer", result.stdout), result.stdout


def test_a_pool_holds_three_times_the_test_and_two_a_objective(tmp_path):
    project, _ = project_with_pool(tmp_path, size=6)
    result = check(project)
    assert result.returncode == 1
    assert f"{POOL}:2: 6 questions, fewer than the 15 a test of 5 needs (3 times as many, so attempts differ)" \
        in result.stdout, result.stdout
    assert f"{POOL}:2: 1 question for objective 2, fewer than 2: every objective needs two or more" in result.stdout
    # organisation.yml's test length sets the size a pool needs
    settings = project / "organisation.yml"
    settings.write_text(settings.read_text().replace("assessment_questions: ~", "assessment_questions: 2"))
    assert "fewer than the 6 a test of 2 needs" not in check(project).stdout


def test_the_writing_check_reads_a_pool_at_its_lines(tmp_path):
    """`make check-writing` takes quizzes/ whole, pools included: what a learner reads in
    them (feedback_right and feedback_wrong too) is spelt and checked at its line."""
    pool = tmp_path / "quizzes/assessment/01-foundations.yml"
    pool.parent.mkdir(parents=True)
    pool.write_text("module: 01-foundations\nquestions:\n  - id: assess-01-probe\n    type: fill\n"
                    "    question: Work out the [[figure]].\n    feedback_right: Right, the figure.\n"
                    "    feedback_wrong: Recount the calls you recieved.\n")
    result = subprocess.run([sys.executable, "scripts/check_writing.py", str(tmp_path / "quizzes")], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert f"{pool}:7: unknown word 'recieved'" in result.stdout, result.stdout


def test_a_marker_naming_a_pool_question_stops_the_check(tmp_path):
    project, marks = project_with_pool(tmp_path)
    qid = next(iter(marks))
    page = project / PAGE
    page.write_text(page.read_text() + f"\n<!-- quiz 01-foundations {qid} -->\n")
    result = check(project)
    assert result.returncode == 1
    line = len(page.read_text().splitlines())
    assert f"{PAGE}:{line}: marker names '{qid}', a module test's question ({POOL}:" in result.stdout, result.stdout
    assert "those are never shown on a page" in result.stdout


# --- the built site ------------------------------------------------------------------

def test_quizzes_carry_their_question_ids_and_option_values(site, course):
    html = (site / "modules/01-foundations/managing-and-leading/index.html").read_text()
    question = course.questions["found-kotter-two-kinds-of-work"]
    assert re.search(r'id="?found-kotter-two-kinds-of-work"?[ >]', html)
    assert not re.search(r'id="?quiz-\d+"?[ >]', html), "no positional quiz ids are left"
    for option in question.options:
        assert re.search(rf'value="?{option.key}"?[ >]', html)


def inline_blocks(html: str) -> list[str]:
    return [m.group(0) for m in re.finditer(r"<(script|style)\b(?![^>]*\bsrc=)[^>]*>.*?</\1>", html, re.S)]


LESSON_GZIP_BUDGET = 15 * 1024  # what a lesson's HTML weighs over the wire; the bench's lesson-view budget


def test_page_weight_budget(site):
    """No inline script or style over 2 KB anywhere; quiz CSS and JS only where quizzes are,
    from cached files; a lesson page's HTML under 15 KB once gzipped, as a server sends it."""
    problems = []
    quiz_assets = sorted(p.name for p in (site / "assets/quiz").glob("quiz.*"))
    assert sorted(n.rsplit(".", 1)[1] for n in quiz_assets) == ["css", "js"]
    for path in page_paths(site):
        html = (site / path / "index.html").read_text()
        big = [len(b.encode()) for b in inline_blocks(html) if len(b.encode()) > 2048]
        if big:
            problems.append(f"{path}: inline blocks of {big} bytes")
        has_quiz = bool(re.search(r'<div class="?quiz"?[ >]', html))
        # Loaded, not prefetched: a page without quizzes prefetches them for the next lesson.
        loads_quiz = all(re.search(rf'<(?:script|link)\b(?![^>]*\bprefetch)[^>]*\b(?:src|href)="?[^" >]*{re.escape(name)}',
                                   html) for name in quiz_assets)
        if has_quiz != loads_quiz:
            problems.append(f"{path}: quiz assets {'missing' if has_quiz else 'loaded without a quiz'}")
        is_lesson = path.startswith("modules/") and path.count("/") == 3 and not path.endswith("summary/")
        if is_lesson and len(gzip.compress(html.encode(), 9)) > LESSON_GZIP_BUDGET:
            problems.append(f"{path}: {len(gzip.compress(html.encode(), 9))} bytes of HTML, gzipped")
    assert not problems, "\n".join(problems)


def test_answer_key_per_module(site, course):
    for bank in course.banks.values():
        html = (site / f"trainers/answer-keys/{bank.module}/index.html").read_text()
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
        for q in bank.questions.values():
            opening = " ".join(one_line(banks.BLANK.sub("_____", q.question)).split()[:5])
            assert html_module.escape(opening, quote=False) in text, f"{bank.module}: answer key lacks {q.id}"
            assert q.id not in html, f"{bank.module}: the key shows the internal id {q.id}"
            for option in q.options:
                if option.correct:
                    assert option.text.split()[0] in html
        assert html.count("Correct:") == sum(o.correct for q in bank.questions.values() for o in q.options)
