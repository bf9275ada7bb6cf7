"""The question banks for an LMS: Moodle XML and the QTI 2.1 package, from the real course
(every question, checked against the IMS schemas) and from a small demo bank for the
cases the course does not have today (escaping, a bad id). No site is built."""
from __future__ import annotations

import html
import io
import re
import zipfile
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import ROOT
from courseware import CourseError
from courseware.model.course import Course, check_course
from courseware.model.text_keys import one_line
from courseware.release import question_export

QTI = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
EPOCH = 1_700_000_000



@pytest.fixture(scope="module")
def moodle(course) -> ElementTree.Element:
    return ElementTree.fromstring(question_export.moodle_xml(course))


@pytest.fixture(scope="module")
def package(course, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("qti") / "qti21.zip"
    question_export.qti_package(course, path, EPOCH)
    return path


def package_files(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def questions_of(moodle: ElementTree.Element) -> list[ElementTree.Element]:
    return [q for q in moodle.iter("question") if q.get("type") != "category"]


def text_of(element: ElementTree.Element, path: str) -> str:
    return (element.findtext(path) or "").strip()


# --- Moodle XML ------------------------------------------------------------------------

def test_moodle_has_each_question_once_by_its_id(course, moodle):
    questions = questions_of(moodle)
    assert len(questions) == len(course.questions)
    idnumbers = [text_of(q, "idnumber") for q in questions]
    assert sorted(idnumbers) == sorted(course.questions), "an idnumber that is not a question id"
    assert len(set(idnumbers)) == len(idnumbers)
    assert all(text_of(q, "generalfeedback/text") for q in questions), "a question without its explanation"


def test_moodle_names_questions_readably_and_uniquely(course, moodle):
    """m18 (new-user walk): Moodle's question bank lists each question by its module and
    place, its lesson and the start of its text, not by its internal id; no two alike."""
    names = [text_of(q, "name/text") for q in questions_of(moodle)]
    assert len(set(names)) == len(names), [n for n, count in Counter(names).items() if count > 1]
    assert not set(names) & set(course.questions), "a question named by its id"
    # The place in the module, its lesson's title (or its module's) and the start of its text.
    modules = {module.name: module for module in course.modules}
    for element, name in zip(questions_of(moodle), names):
        q = course.questions[text_of(element, "idnumber")]
        module = modules[q.bank]
        number, rest = name.split(" ", 1)
        assert re.fullmatch(rf"{int(module.name[:2])}\.\d+", number), name
        title = module.page_titles.get(f"modules/{module.name}/{q.page}.md") or module.title
        assert rest.startswith(f"{title}: "), (name, title)
        words = " ".join(html.unescape(re.sub(r"[*_`]|\[\[[^]]*\]\]", "", q.question)).split())
        assert rest.removeprefix(f"{title}: ").rstrip("…").split()[0] in words, (name, q.question)
        assert len(name) <= 255, "Moodle's question name holds 255 characters"


def test_moodle_choice_questions_have_feedback_and_fair_grades(course, moodle):
    choices = [q for q in questions_of(moodle) if q.get("type") == "multichoice"]
    assert len(choices) == sum(q.type in ("single", "multiple") for q in course.questions.values())
    for element in choices:
        q = course.questions[text_of(element, "idnumber")]
        answers = element.findall("answer")
        assert len(answers) == len(q.options)
        assert all(text_of(a, "feedback/text") for a in answers), f"{q.id}: an option without feedback"
        assert (text_of(element, "shuffleanswers"), text_of(element, "answernumbering")) == ("1", "abc")
        grades = [float(a.get("fraction")) for a in answers]
        assert [g > 0 for g in grades] == [o.correct for o in q.options], q.id
        assert all(round(abs(g), 5) in question_export.MOODLE_FRACTIONS for g in grades), (q.id, grades)
        if q.type == "single":
            assert text_of(element, "single") == "true" and sorted(grades) == [0] * (len(grades) - 1) + [100]
        else:
            assert text_of(element, "single") == "false"
            assert sum(g for g in grades if g > 0) == pytest.approx(100, abs=0.001), q.id
            assert sum(g for g in grades if g < 0) == pytest.approx(-100, abs=0.001), f"{q.id}: guessing all scores"


def test_moodle_categories_are_modules_and_lessons_in_course_order(course, moodle):
    expected = []
    for module in course.modules:
        for src in module.page_order[1:]:
            stem = Path(src).stem
            ids = [q.id for q in course.banks[module.name].questions.values() if q.page == stem]
            if ids:
                expected.append((f"$course$/Leading a contact-centre team/{module.title}/{module.page_titles[src]}", ids))
    found, category = [], None
    for element in moodle:
        if element.get("type") == "category":
            category = text_of(element, "category/text")
            found.append((category, []))
        else:
            assert category, "a question before any category"
            found[-1][1].append(text_of(element, "idnumber"))
    assert found == expected


def test_moodle_fill_questions_are_short_answer_or_cloze(course, moodle):
    fills = {text_of(e, "idnumber"): e for e in questions_of(moodle) if e.get("type") in ("shortanswer", "cloze")}
    assert sorted(fills) == sorted(q.id for q in course.questions.values() if q.type == "fill")
    assert any(len(course.questions[i].blanks) > 1 for i in fills), "the course has no two-blank question to check"
    for qid, element in fills.items():
        blanks = course.questions[qid].blanks
        text = text_of(element, "questiontext/text")
        assert "[[" not in text
        if len(blanks) == 1:
            assert element.get("type") == "shortanswer" and text_of(element, "usecase") == "0"
            assert [(a.get("fraction"), text_of(a, "text")) for a in element.findall("answer")] == \
                [("100", blanks[0]), ("0", "*")]
        else:
            assert element.get("type") == "cloze"
            assert [parts[0][0] for parts in cloze_answers(text)] == ["=" + blank for blank in blanks]


def cloze_answers(text: str) -> list[list[tuple[str, str]]]:
    """Each {1:SHORTANSWER:…} of a cloze question as its answers, (answer, feedback) with
    Moodle's backslash escapes undone and the feedback as text."""
    subquestions = []
    for match in re.finditer(r"\{1:SHORTANSWER:((?:\\.|[^}\\])*)\}", text):
        answers = []
        for part in re.split(r"(?<!\\)~", match.group(1)):
            answer, feedback = re.split(r"(?<!\\)#", part, maxsplit=1)
            answers.append(tuple(re.sub(r"\\(.)", r"\1", piece) for piece in (answer, feedback)))
        subquestions.append([(answer, html.unescape(feedback)) for answer, feedback in answers])
    return subquestions


def as_text(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


def test_moodle_fill_questions_give_feedback_on_the_right_answer_and_every_other(course, moodle):
    """Issue 25, item 4: a fill-in's right answer carries feedback_right, and '*' (any other
    words, grade 0) carries feedback_wrong; in a cloze, inside each blank's subquestion."""
    fills = [q for q in course.questions.values() if q.type == "fill"]
    assert len(fills) >= 12 and any(len(q.blanks) > 1 for q in fills)
    elements = {text_of(e, "idnumber"): e for e in questions_of(moodle)}
    for q in fills:
        right, wrong = (as_text(question_export.html(t)) for t in (q.feedback_right, q.feedback_wrong))
        element = elements[q.id]
        if len(q.blanks) == 1:
            found = [(a.get("fraction"), text_of(a, "text"), as_text(text_of(a, "feedback/text")))
                     for a in element.findall("answer")]
            assert found == [("100", q.blanks[0].replace("*", "\\*"), right), ("0", "*", wrong)], q.id
        else:
            assert cloze_answers(text_of(element, "questiontext/text")) == \
                [[("=" + blank, one_line(q.feedback_right)), ("*", one_line(q.feedback_wrong))] for blank in q.blanks], q.id


# --- QTI 2.1 ---------------------------------------------------------------------------

def test_every_item_test_and_the_manifest_match_the_ims_schemas(package):
    assert question_export.validate_qti(package) == []


def test_one_test_per_module_and_each_item_in_exactly_one(course, package):
    files = package_files(package)
    tests = {name: ElementTree.fromstring(data) for name, data in files.items() if name.startswith("tests/")}
    assert sorted(t.get("identifier") for t in tests.values()) == sorted(m.name for m in course.modules)
    references = Counter(ref.get("identifier") for t in tests.values() for ref in t.iter(f"{QTI}assessmentItemRef"))
    assert sorted(references) == sorted(course.questions) and set(references.values()) == {1}
    for test in tests.values():
        for ref in test.iter(f"{QTI}assessmentItemRef"):
            assert ref.get("href") == f"../items/{ref.get('identifier')}.xml"
        sections = test.findall(f"{QTI}testPart/{QTI}assessmentSection")
        module = course.module(test.get("identifier"))
        pages = {q.page for q in course.banks[module.name].questions.values()}
        # a section per page with questions: lessons and the summary (a conversation page has none)
        assert len(sections) == sum(Path(src).stem in pages for src in module.page_order[1:]), "a section per lesson"
    for qid in course.questions:
        item = ElementTree.fromstring(files[f"items/{qid}.xml"])
        assert item.get("identifier") == qid
    assert len(files) == len(course.questions) + len(course.modules) + 1


def test_the_manifest_lists_every_item_and_each_test_with_its_items(course, package):
    files = package_files(package)
    resources = ElementTree.fromstring(files["imsmanifest.xml"]).iter(f"{CP}resource")
    by_type = {}
    for resource in resources:
        by_type.setdefault(resource.get("type"), []).append(resource)
        assert [f.get("href") for f in resource.findall(f"{CP}file")] == [resource.get("href")]
    assert sorted(r.get("identifier") for r in by_type["imsqti_item_xmlv2p1"]) == sorted(course.questions)
    assert len(by_type["imsqti_test_xmlv2p1"]) == len(course.modules)
    for resource in by_type["imsqti_test_xmlv2p1"]:
        test = ElementTree.fromstring(files[resource.get("href")])
        dependencies = [d.get("identifierref") for d in resource.findall(f"{CP}dependency")]
        assert dependencies == [ref.get("identifier") for ref in test.iter(f"{QTI}assessmentItemRef")]


def test_items_score_and_explain_as_the_site_does(course, package):
    files = package_files(package)
    for q in course.questions.values():
        item = ElementTree.fromstring(files[f"items/{q.id}.xml"])
        feedback = {f.get("identifier"): f for f in item.iter(f"{QTI}modalFeedback")}
        assert "EXPLANATION" in feedback
        if q.type == "fill":
            correct = [d.findtext(f"{QTI}correctResponse/{QTI}value") for d in item.iter(f"{QTI}responseDeclaration")]
            assert correct == q.blanks
            assert len(list(item.iter(f"{QTI}textEntryInteraction"))) == len(q.blanks)
            # Issue 25, item 4: the right answer's feedback when every blank matches, else the wrong one's.
            assert set(feedback) == {"RIGHT", "WRONG", "EXPLANATION"}
            for name, text in (("RIGHT", q.feedback_right), ("WRONG", q.feedback_wrong)):
                assert " ".join("".join(feedback[name].itertext()).split()) == as_text(question_export.html(text)), q.id
            condition = item.find(f"{QTI}responseProcessing/{QTI}responseCondition")
            shown = [[v.text for v in branch.iter(f"{QTI}baseValue") if v.get("baseType") == "identifier"]
                     for branch in (condition.find(f"{QTI}responseIf"), condition.find(f"{QTI}responseElse"))]
            assert shown == [["RIGHT", "EXPLANATION"], ["WRONG", "EXPLANATION"]], q.id
            continue
        interaction = item.find(f"{QTI}itemBody/{QTI}choiceInteraction")
        assert interaction.get("maxChoices") == ("1" if q.type == "single" else "0")
        # Choice identifiers come from the option's text (Option.key), like saved answers.
        assert [c.get("identifier") for c in interaction] == ["c" + o.key for o in q.options]
        assert sorted(v.text for v in item.iter(f"{QTI}value") if v.text.startswith("c")) == \
            sorted("c" + o.key for o in q.options if o.correct)
        assert set(feedback) == {"c" + o.key for o in q.options} | {"EXPLANATION"}
        assert item.find(f"{QTI}responseProcessing").get("template") == question_export.MATCH_CORRECT


def test_building_twice_gives_the_same_bytes(course, package, tmp_path):
    again = tmp_path / "again.zip"
    question_export.qti_package(course, again, EPOCH)
    assert again.read_bytes() == package.read_bytes()
    assert question_export.moodle_xml(course) == question_export.moodle_xml(course)
    with zipfile.ZipFile(package) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {(i.date_time, i.external_attr >> 16) for i in infos} == {((2023, 11, 14, 22, 13, 20), 0o644)}


BREAKAGES = {
    "no responseDeclaration": (re.compile(rb"  <responseDeclaration .*?</responseDeclaration>\n", re.S), b""),
    "a bad attribute value": (re.compile(rb'maxChoices="[01]"'), b'maxChoices="one"'),
    "an unknown element": (re.compile(rb"<itemBody>"), b"<itemBody><blink>new</blink>"),
    "a missing required attribute": (re.compile(rb' timeDependent="false"'), b""),
}


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_a_broken_item_fails_the_check(package, breakage):
    pattern, replacement = BREAKAGES[breakage]
    files = package_files(package)
    name = next(n for n in sorted(files) if n.startswith("items/") and b"choiceInteraction" in files[n])
    files[name] = pattern.sub(replacement, files[name], count=1)
    problems = question_export.validate_qti(zip_bytes(files))
    assert problems and all(p.startswith(f"{name}: ") for p in problems), problems


def test_a_test_naming_a_missing_item_fails_the_check(package):
    files = package_files(package)
    name = next(n for n in files if n.startswith("items/"))
    del files[name]
    problems = question_export.validate_qti(zip_bytes(files))
    assert any(p.startswith("tests/") and name.removeprefix("items/") in p for p in problems), problems
    assert any(p.startswith("imsmanifest.xml: ") for p in problems), problems


# --- a demo bank: what the course does not have today ----------------------------------

DEMO_BANK = """\
module: 01-demo
questions:
  - id: demo-single
    objective: 1
    page: first-lesson
    type: single
    kind: scenario
    question: Tom & Ruth's "quick" swap costs £5 a head. What's wrong?
    options:
      - text: It isn't planned against Monday's cover.
        correct: true
        feedback: Right, cover comes first & the £5 is a red herring.
      - text: It's Tom who "asked", so it's fine.
        correct: false
        feedback: Who asks doesn't decide a swap.
    explanation: Decide swaps on cover, not on who asks.
  - id: demo-multiple
    objective: 1
    page: first-lesson
    type: multiple
    kind: recall
    question: Which of these are coaching tools?
    options:
      - {text: GROW, correct: true, feedback: "Yes, a coaching model."}
      - {text: SBI, correct: true, feedback: "Yes, for feedback."}
      - {text: FUEL, correct: true, feedback: "Yes, for a coaching talk."}
      - {text: RAG, correct: false, feedback: A status colour scheme.}
      - {text: WFM, correct: false, feedback: Workforce management.}
    explanation: GROW, SBI and FUEL structure a conversation.
  - id: demo-two-blanks
    objective: 1
    page: first-lesson
    type: fill
    kind: recall
    question: Readiness is ability and [[willingness]], judged per [[task]].
    feedback_right: "Right: ability & willingness, judged #1 per {task} ~ not per person/role, as \\"readiness\\" says."
    feedback_wrong: "Not quite: 1 < 2 & it is ability and willingness, per task."
    explanation: Hersey and Blanchard.
  - id: 2nd-demo-blank
    objective: 1
    page: first-lesson
    type: fill
    kind: recall
    question: Leadership copes with [[change]].
    feedback_right: Right, and management copes with complexity.
    feedback_wrong: Not quite, so think of what Kotter set against complexity.
    explanation: Kotter (1990).
"""
DEMO_OVERVIEW = """# Demo module

## Learning objectives

1. Decide a shift swap on cover.

## Lessons

| Lesson | What you will do | Time |
|---|---|---|
| [First lesson](first-lesson.md) | Decide | 10 min |
"""


def demo_course(tmp_path: Path, bank: str = DEMO_BANK) -> Course:
    (tmp_path / "quizzes").mkdir(exist_ok=True)
    (tmp_path / "quizzes/schema.json").write_text((ROOT / "quizzes/schema.json").read_text())
    (tmp_path / "quizzes/01-demo.yml").write_text(bank)
    pages = {"modules/01-demo/index.md": DEMO_OVERVIEW,
             "modules/01-demo/first-lesson.md": "# First lesson: Q&A\n\n<!-- quiz 01-demo -->\n"}
    course = check_course(tmp_path, pages)
    assert not course.errors, course.errors
    return course


def test_an_id_that_is_not_an_identifier_names_its_file_and_line(tmp_path):
    course = demo_course(tmp_path)
    line = DEMO_BANK.splitlines().index("  - id: 2nd-demo-blank") + 1
    for export in (question_export.moodle_xml, lambda c: question_export.qti_package(c, tmp_path / "q.zip", EPOCH)):
        with pytest.raises(CourseError) as raised:
            export(course)
        assert raised.value.problems == [
            f"quizzes/01-demo.yml:{line}: question id '2nd-demo-blank' is not a valid QTI identifier "
            "(an XML name): start it with a letter and use letters, digits and '-'"]
    assert not (tmp_path / "q.zip").exists()


def test_quotes_ampersands_and_pounds_survive_both_formats(tmp_path):
    course = demo_course(tmp_path, DEMO_BANK.replace("2nd-demo-blank", "demo-one-blank"))
    moodle = ElementTree.fromstring(question_export.moodle_xml(course))
    single = next(q for q in questions_of(moodle) if text_of(q, "idnumber") == "demo-single")
    as_text = lambda markup: html.unescape(re.sub(r"<[^>]+>", "", markup))  # noqa: E731
    assert as_text(text_of(single, "questiontext/text")) == course.questions["demo-single"].question
    assert [as_text(text_of(a, "text")) for a in single.findall("answer")] == \
        [o.text for o in course.questions["demo-single"].options]
    assert as_text(text_of(single.find("answer"), "feedback/text")) == \
        course.questions["demo-single"].options[0].feedback
    categories = [text_of(c, "category/text") for c in moodle if c.get("type") == "category"]
    assert categories == ["$course$/Leading a contact-centre team/Demo module/First lesson: Q&A"]
    grades = [a.get("fraction") for a in next(q for q in questions_of(moodle)
                                              if text_of(q, "idnumber") == "demo-multiple").findall("answer")]
    assert grades == ["33.33333"] * 3 + ["-50"] * 2
    cloze = next(q for q in questions_of(moodle) if text_of(q, "idnumber") == "demo-two-blanks")
    assert cloze.get("type") == "cloze"
    # '#', '~', '}', '/' and '"' in the feedback are escaped, as Moodle's cloze syntax needs
    right = 'Right: ability & willingness, judged #1 per {task} ~ not per person/role, as "readiness" says.'
    wrong = "Not quite: 1 < 2 & it is ability and willingness, per task."
    assert cloze_answers(text_of(cloze, "questiontext/text")) == \
        [[("=willingness", right), ("*", wrong)], [("=task", right), ("*", wrong)]]
    assert "1 &lt; 2 &amp; it" in text_of(cloze, "questiontext/text"), "feedback is text inside the question's HTML"

    question_export.qti_package(course, tmp_path / "demo.zip", EPOCH)
    assert question_export.validate_qti(tmp_path / "demo.zip") == []
    item = ElementTree.fromstring(package_files(tmp_path / "demo.zip")["items/demo-single.xml"])
    body = item.find(f"{QTI}itemBody")
    assert "".join(body.find(f"{QTI}p").itertext()) == course.questions["demo-single"].question


def test_cdata_and_category_names_are_escaped_for_moodle():
    assert question_export.cdata("a ]]> b") == "<![CDATA[a ]]]]><![CDATA[> b]]>"
    assert ElementTree.fromstring(f"<t>{question_export.cdata('a ]]> b')}</t>").text == "a ]]> b"
    assert question_export.category_path("Course", "Q&A / review") == "$course$/Course/Q&A // review"
    assert question_export.cloze_escape('a}b#c~d/e"f') == 'a\\}b\\#c\\~d\\/e\\"f'


def test_text_that_is_not_xhtml_names_its_question(tmp_path):
    """Markdown passes HTML entities through; QTI is XML and knows none but XML's own."""
    course = demo_course(tmp_path, DEMO_BANK.replace("2nd-demo-blank", "demo-one-blank")
                         .replace("Decide swaps on cover,", "Decide swaps on cover,&nbsp;"))
    with pytest.raises(CourseError, match=r"^quizzes/01-demo.yml:3: question 'demo-single' has text that is not "):
        question_export.qti_package(course, tmp_path / "q.zip", EPOCH)


# --- module tests: an assessment pool (quizzes/assessment/) ------------------------------

DEMO_POOL = """\
module: 01-demo
questions:
  - id: assess-01-swap-cover
    objective: 1
    page: first-lesson
    type: single
    kind: scenario
    question: Priya asks to swap her Friday late for Ama's early. Rota cover holds either way. What decides it?
    options:
      - text: Whether Friday's cover still holds after the swap.
        correct: true
        feedback: Right, cover on the day is what a swap changes.
      - text: Whether Priya asked before Ama did this month.
        correct: false
        feedback: Who asked first does not change the queue's cover.
    explanation: Decide swaps on cover, not on who asks.
  - id: assess-01-swap-tools
    objective: 1
    page: first-lesson
    type: multiple
    kind: scenario
    question: Which two do you look at before you agree a swap? Choose all that apply.
    options:
      - {text: The forecast for the day, correct: true, feedback: "Yes, the calls expected decide the cover."}
      - {text: The skills on the shift, correct: true, feedback: "Yes, the queue needs the right skills too."}
      - {text: The pair's last swap date, correct: false, feedback: "No, a past swap does not change the cover."}
    explanation: Forecast and skills decide cover.
  - id: assess-01-swap-count
    objective: 1
    page: first-lesson
    type: fill
    kind: calculation
    question: Six agents cover a shift that needs five; after two swap out and one in, [[5]] remain.
    feedback_right: Right, six less two plus one is five, which still covers the shift.
    feedback_wrong: Not quite, so count the two who leave and the one who joins.
    explanation: Count who leaves and who joins.
"""
POOL_SETTINGS = "lms:\n  assessment_questions: 1\n  assessment_pass_mark: 80\n"


def pool_course(tmp_path: Path) -> Course:
    (tmp_path / "quizzes/assessment").mkdir(parents=True)
    (tmp_path / "quizzes/assessment/01-demo.yml").write_text(DEMO_POOL)
    (tmp_path / "organisation.yml").write_text(POOL_SETTINGS)
    return demo_course(tmp_path, DEMO_BANK.replace("2nd-demo-blank", "demo-one-blank"))


def test_module_tests_are_files_of_their_own_in_moodle(tmp_path):
    """Issue 25, item 3: the pool in one category per module under Assessment, for a quiz
    of random questions; the self-check banks' file holds none of it, and it none of theirs."""
    course = pool_course(tmp_path)
    assert sorted(course.pool_questions) == ["assess-01-swap-count", "assess-01-swap-cover", "assess-01-swap-tools"]
    moodle = ElementTree.fromstring(question_export.assessment_moodle_xml(course))
    categories = [text_of(c, "category/text") for c in moodle if c.get("type") == "category"]
    assert categories == ["$course$/Leading a contact-centre team/Assessment/01 Demo module"]
    assert [text_of(q, "idnumber") for q in questions_of(moodle)] == list(course.pool_questions)
    fill = next(q for q in questions_of(moodle) if text_of(q, "idnumber") == "assess-01-swap-count")
    assert [(a.get("fraction"), text_of(a, "text")) for a in fill.findall("answer")] == [("100", "5"), ("0", "*")]
    banks = question_export.moodle_xml(course).decode()
    assert not [qid for qid in course.pool_questions if qid in banks]
    assert "Assessment" not in banks
    assert question_export.assessment_moodle_xml(course) == question_export.assessment_moodle_xml(course)


def test_module_tests_draw_shuffle_and_pass_in_qti(tmp_path):
    """A test per module: one section selecting N of every pool item, shuffled; SCORE
    summed, PASS from the pass mark as a fraction of the maximum; valid against IMS's
    schemas; the banks' package holds no pool item."""
    course = pool_course(tmp_path)
    path = tmp_path / "tests.zip"
    question_export.qti_package(course, path, EPOCH, question_export.assessment_qti_files(course))
    assert question_export.validate_qti(path) == []
    files = package_files(path)
    assert sorted(files) == ["imsmanifest.xml", *sorted(f"items/{qid}.xml" for qid in course.pool_questions),
                             "tests/01-demo.xml"]
    test = ElementTree.fromstring(files["tests/01-demo.xml"])
    section = test.find(f"{QTI}testPart/{QTI}assessmentSection")
    assert section.find(f"{QTI}selection").get("select") == "1"
    assert section.find(f"{QTI}ordering").get("shuffle") == "true"
    assert [r.get("identifier") for r in section.iter(f"{QTI}assessmentItemRef")] == list(course.pool_questions)
    declared = {d.get("identifier"): d for d in test.iter(f"{QTI}outcomeDeclaration")}
    assert declared["PASS"].get("baseType") == "boolean"
    assert declared["MAXSCORE"].findtext(f"{QTI}defaultValue/{QTI}value") == "1"
    rules = {r.get("identifier"): r for r in test.find(f"{QTI}outcomeProcessing")}
    assert rules["SCORE"].find(f"{QTI}sum/{QTI}testVariables").get("variableIdentifier") == "SCORE"
    threshold = rules["PASS"].find(f"{QTI}gte")
    assert [v.get("identifier") for v in threshold.iter(f"{QTI}variable")] == ["SCORE", "MAXSCORE"]
    assert threshold.find(f"{QTI}baseValue").text == "0.8"
    banks = question_export.qti_files(course)
    assert not [name for name in banks if "assess-" in name or b"assess-" in banks[name]]


def test_the_course_s_own_pools_export_a_valid_test_for_every_module(course, tmp_path):
    """The writers' pools as an administrator gets them: a Moodle category per module with
    its whole pool, and a QTI package that IMS's schemas accept, with a test per module
    drawing the organisation's number of questions from at least three times as many."""
    modules = sorted({q.bank for q in course.pool_questions.values()})
    assert modules == sorted(course.banks), "every module has a pool"
    moodle = ElementTree.fromstring(question_export.assessment_moodle_xml(course))
    categories = [text_of(c, "category/text") for c in moodle if c.get("type") == "category"]
    assert len(categories) == len(modules) and all("/Assessment/" in c for c in categories)
    assert sorted(text_of(q, "idnumber") for q in questions_of(moodle)) == sorted(course.pool_questions)
    path = tmp_path / "tests.zip"
    question_export.qti_package(course, path, EPOCH, question_export.assessment_qti_files(course))
    assert question_export.validate_qti(path) == []
    files = package_files(path)
    for module in modules:
        test = ElementTree.fromstring(files[f"tests/{module}.xml"])
        section = test.find(f"{QTI}testPart/{QTI}assessmentSection")
        drawn = int(section.find(f"{QTI}selection").get("select"))
        pool = [q for q in course.pool_questions.values() if q.bank == module]
        assert len(pool) >= 3 * drawn, module
