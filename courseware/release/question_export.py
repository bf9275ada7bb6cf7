"""The question banks for an LMS's own question bank: Moodle XML, and a QTI 2.1 package.

Both are written from the checked course (course.check_course), so they hold exactly
the questions the site shows, with their feedback and explanations. Question ids become
Moodle idnumbers and QTI identifiers: a re-import then updates a question instead of
adding a copy, so the ids must never change (see quizzes/README.md).

The QTI package is checked against the IMS schemas in schemas/qti21/ (see its
README.md for where each file comes from) by `validate_qti`, which the release runs.
"""
from __future__ import annotations

import functools
import io
import posixpath
import re
import zipfile
from datetime import datetime, timezone
from html import escape
from pathlib import Path
from xml.etree import ElementTree

import markdown

from ..model.banks import BLANK, Question
from ..model.course import Course
from ..model.errors import CourseError
from ..model.text_keys import one_line

# The root of the Moodle categories. Fixed rather than read from mkdocs.yml: Moodle finds
# categories by path, so renaming the site must not move the banks on a re-import.
COURSE_TITLE = "Leading a contact-centre team"

QTI_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
MATCH_CORRECT = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"
SCHEMA_DIR = Path(__file__).parent / "schemas" / "qti21"
# Where imsqti_v2p1.xsd imports its parts from, and our copies of them: validation
# never goes to the network, so a release gives the same answer offline.
SCHEMA_COPIES = {
    "http://www.imsglobal.org/xsd/w3/2001/xml.xsd": "w3/xml.xsd",
    "http://www.imsglobal.org/xsd/w3/2001/XInclude.xsd": "w3/XInclude.xsd",
    "http://www.w3.org/Math/XMLSchema/mathml2/mathml2.xsd": "w3/mathml2/mathml2.xsd",
    "http://www.imsglobal.org/profile/apip/apipv1p0/apipv1p0_qtiextv2p1_v1p0.xsd":
        "apipv1p0_qtiextv2p1_v1p0.xsd",
}

# The grades Moodle accepts for an answer (question_bank::fraction_options_full): an
# import with any other fraction stops with an error.
MOODLE_FRACTIONS = {100.0, 90.0, 83.33333, 80.0, 75.0, 70.0, 66.66667, 60.0, 50.0, 40.0, 33.33333,
                    30.0, 25.0, 20.0, 16.66667, 14.28571, 12.5, 11.11111, 10.0, 5.0, 0.0}
MOODLE_IDNUMBER_LENGTH = 100  # the size of Moodle's idnumber column

# An XML NCName (Namespaces in XML 1.0): what QTI identifiers, file names in the package
# and the manifest's xsd:ID resource identifiers all accept.
_NAME_START = ("A-Z_a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
               "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff")
NCNAME = re.compile(f"[{_NAME_START}][{_NAME_START}\\-.0-9\u00b7\u0300-\u036f\u203f-\u2040]*")


# --- what both formats share -----------------------------------------------------------

def check_identifiers(course: Course, questions=None):
    """Every question id (of the banks, or of `questions`) must be usable as a QTI
    identifier and a Moodle idnumber; the bank schema allows ids (a leading digit) that XML
    does not."""
    problems = []
    for q in course.questions.values() if questions is None else questions:
        if not NCNAME.fullmatch(q.id):
            problems.append(f"{q.where}: question id '{q.id}' is not a valid QTI identifier (an XML name): "
                            "start it with a letter and use letters, digits and '-'")
        elif len(q.id) > MOODLE_IDNUMBER_LENGTH:
            problems.append(f"{q.where}: question id '{q.id}' is longer than Moodle's idnumber "
                            f"({MOODLE_IDNUMBER_LENGTH} characters)")
    if problems:
        raise CourseError(problems, heading="question ids the LMS exports cannot use:")


def lesson_groups(course: Course):
    """(module, page stem, page title, questions) in course order: modules, then lessons
    as the overview lists them, then questions as their bank lists them. A question with
    no page (shown by an explicit marker only) comes last, with stem and title None."""
    for module in course.modules:
        bank = course.banks.get(module.name)
        if bank is None:
            continue
        stems = [Path(src).stem for src in module.page_order[1:]]
        extra = sorted({q.page for q in bank.questions.values()} - set(stems), key=str)  # e.g. no page
        for stem in stems + extra:
            questions = [q for q in bank.questions.values() if q.page == stem]
            if questions:
                title = module.page_titles.get(f"modules/{module.name}/{stem}.md") if stem else None
                yield module, stem, title, questions


@functools.lru_cache(maxsize=None)  # both banks convert the same texts, and options repeat
def html(text: str) -> str:
    """Markdown as HTML, as mkdocs-quiz shows it on the page."""
    return markdown.markdown(text)


def inline_html(text: str) -> str:
    """A one-line text (an option) as HTML without its paragraph, to sit beside a button."""
    rendered = html(text)
    inner = rendered.removeprefix("<p>").removesuffix("</p>")
    return inner if "<p>" not in inner else rendered


def with_blanks(q: Question, blank) -> str:
    """The question as HTML with each [[answer]] replaced by blank(number, answer).

    The blanks are swapped for placeholders before markdown, so neither markdown nor
    the answer's own characters can change the other."""
    numbers = iter(range(1, len(q.blanks) + 1))
    rendered = html(BLANK.sub(lambda _: f"QXBLANK{next(numbers)}Q", q.question))
    for number, answer in enumerate(q.blanks, 1):
        rendered = rendered.replace(f"QXBLANK{number}Q", blank(number, answer))
    return rendered


# --- Moodle XML ------------------------------------------------------------------------

def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def html_field(tag: str, text: str, indent: str = "    ") -> str:
    return f'{indent}<{tag} format="html">\n{indent}  <text>{cdata(text)}</text>\n{indent}</{tag}>\n'


def category_path(*names: str) -> str:
    """Moodle splits a category path at '/', and reads '//' as a '/' in a name."""
    return "/".join(["$course$"] + [name.replace("/", "//") for name in names])


def fraction(value: float, q: Question) -> str:
    """A Moodle grade as Moodle writes it (five decimals), or a CourseError for a share
    Moodle has no grade for (it would refuse the whole import)."""
    rounded = round(abs(value), 5)
    if not any(abs(rounded - allowed) < 0.00001 for allowed in MOODLE_FRACTIONS):
        raise CourseError(f"{q.where}: Moodle has no grade of {value:.5g}% for an option; "
                          "change the number of correct or wrong options")
    text = f"{rounded:.5f}".rstrip("0").rstrip(".")
    return ("-" if value < 0 else "") + text


def choice_fractions(q: Question) -> list[str]:
    """Single: 100 for the answer. Multiple: the correct options share 100 and the wrong
    ones share -100, so ticking every box scores nothing."""
    if q.type == "single":
        return ["100" if o.correct else "0" for o in q.options]
    right = sum(o.correct for o in q.options)
    wrong = len(q.options) - right
    return [fraction(100 / right, q) if o.correct else fraction(-100 / wrong, q) for o in q.options]


def moodle_name(module, number: int, title: str | None, q: Question) -> str:
    """What Moodle's question bank lists for a question, readable and unique in the file: the
    module and the question's place in it, its lesson and the start of its text, e.g.
    '1.2 Managing and leading: At a team leaders' lunch, Gareth says, "A manager…'. The id
    stays in <idnumber>, for re-imports."""
    rendered = with_blanks(q, lambda number, answer: "___") if q.type == "fill" else html(q.question)
    text = one_line("".join(ElementTree.fromstring(f"<div>{xhtml(rendered, q)}</div>").itertext()))
    if len(text) > 60:
        text = text[:60].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return f"{int(module.name.split('-', 1)[0])}.{number} {title or module.title}: {text}"


def moodle_question(q: Question, name: str) -> str:
    head = (f'  <question type="{moodle_type(q)}">\n'
            f"    <name>\n      <text>{escape(name, quote=False)}</text>\n    </name>\n")
    if q.type == "fill" and len(q.blanks) > 1:
        # each blank: its answer with feedback_right, and '*' (any other words) with feedback_wrong
        right, wrong = (cloze_escape(escape(one_line(text), quote=False)) for text in (q.feedback_right, q.feedback_wrong))
        text = with_blanks(q, lambda number, answer: "{1:SHORTANSWER:=" + cloze_escape(answer) + "#" + right
                           + "~*#" + wrong + "}")
    elif q.type == "fill":
        text = with_blanks(q, lambda number, answer: "_____")
    else:
        text = html(q.question)
    body = html_field("questiontext", text) + html_field("generalfeedback", html(q.explanation))
    body += ("    <defaultgrade>1</defaultgrade>\n    <penalty>0.3333333</penalty>\n    <hidden>0</hidden>\n"
             f"    <idnumber>{escape(q.id, quote=False)}</idnumber>\n")
    if q.type == "fill" and len(q.blanks) == 1:
        body += "    <usecase>0</usecase>\n"  # case does not matter, as on the site
        # the answer with feedback_right, then '*' (Moodle's any other answer) at 0 with feedback_wrong
        for share, answer, feedback in (("100", escape(shortanswer_escape(q.blanks[0]), quote=False), q.feedback_right),
                                        ("0", "*", q.feedback_wrong)):
            body += (f'    <answer fraction="{share}" format="moodle_auto_format">\n      <text>{answer}</text>\n'
                     + html_field("feedback", html(feedback), "      ") + "    </answer>\n")
    elif q.type != "fill":
        body += (f"    <single>{'true' if q.type == 'single' else 'false'}</single>\n"
                 "    <shuffleanswers>1</shuffleanswers>\n    <answernumbering>abc</answernumbering>\n")
        for option, share in zip(q.options, choice_fractions(q)):
            body += (f'    <answer fraction="{share}" format="html">\n'
                     f"      <text>{cdata(inline_html(option.text))}</text>\n"
                     + html_field("feedback", html(option.feedback), "      ") + "    </answer>\n")
    return head + body + "  </question>\n"


def moodle_type(q: Question) -> str:
    if q.type != "fill":
        return "multichoice"
    return "cloze" if len(q.blanks) > 1 else "shortanswer"


def cloze_escape(answer: str) -> str:
    """Characters that end or split a cloze answer are written with a backslash."""
    return re.sub(r'([}#~/"\\])', r"\\\1", answer)


def shortanswer_escape(answer: str) -> str:
    """'*' is Moodle's wildcard in a short answer; a literal one is '\\*'."""
    return answer.replace("*", "\\*")


def moodle_xml(course: Course, course_title: str = COURSE_TITLE) -> bytes:
    """The whole course as one Moodle XML file: a category per module and lesson, then
    its questions. Same course, same bytes."""
    check_identifiers(course)
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n']
    numbers: dict[str, int] = {}  # questions so far, by module
    for module, stem, title, questions in lesson_groups(course):
        names = [course_title, module.title] + ([title] if title else [])
        parts.append(f'  <question type="category">\n    <category>\n'
                     f"      <text>{escape(category_path(*names), quote=False)}</text>\n"
                     "    </category>\n  </question>\n")
        for q in questions:
            numbers[module.name] = numbers.get(module.name, 0) + 1
            parts.append(moodle_question(q, moodle_name(module, numbers[module.name], title, q)))
    parts.append("</quiz>\n")
    return "".join(parts).encode("utf-8")


# --- QTI 2.1 ---------------------------------------------------------------------------

def attr(value: str) -> str:
    return escape(value, quote=True)


def choice_id(option) -> str:
    """Stable across reordering, like the site's saved answers (Option.key)."""
    return "c" + option.key


def xhtml(rendered: str, q: Question) -> str:
    """Markdown's HTML must be well-formed XML to sit in a QTI item."""
    try:
        ElementTree.fromstring(f"<div>{rendered}</div>")
    except ElementTree.ParseError as error:
        raise CourseError(f"{q.where}: question '{q.id}' has text that is not well-formed XHTML "
                          f"({error}); write it without HTML entities or unclosed tags") from None
    return rendered


def item_title(q: Question) -> str:
    text = one_line(BLANK.sub("___", q.question))
    return text if len(text) <= 80 else text[:79].rstrip() + "…"


def qti_item(q: Question) -> bytes:
    """One assessmentItem: a choiceInteraction, or a textEntryInteraction per blank."""
    if q.type == "fill":
        declarations, body, processing = fill_parts(q)
    else:
        declarations, body, processing = choice_parts(q)
    feedback = "".join(
        f'  <modalFeedback outcomeIdentifier="FEEDBACK" identifier="{choice_id(o)}" showHide="show">'
        f"{xhtml(html(o.feedback), q)}</modalFeedback>\n" for o in q.options)
    if q.type == "fill":  # RIGHT or WRONG, set by fill_parts' processing
        feedback += "".join(
            f'  <modalFeedback outcomeIdentifier="FEEDBACK" identifier="{name}" showHide="show">'
            f"{xhtml(html(text), q)}</modalFeedback>\n"
            for name, text in (("RIGHT", q.feedback_right), ("WRONG", q.feedback_wrong)))
    feedback += (f'  <modalFeedback outcomeIdentifier="FEEDBACK" identifier="EXPLANATION" showHide="show">'
                 f"{xhtml(html(q.explanation), q)}</modalFeedback>\n")
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<assessmentItem xmlns="{QTI_NS}" xmlns:xsi="{XSI_NS}" xsi:schemaLocation="{QTI_NS} {QTI_XSD}" '
            f'identifier="{attr(q.id)}" title="{attr(item_title(q))}" adaptive="false" timeDependent="false">\n'
            + declarations
            + '  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float">\n'
              "    <defaultValue><value>0</value></defaultValue>\n  </outcomeDeclaration>\n"
              '  <outcomeDeclaration identifier="FEEDBACK" cardinality="multiple" baseType="identifier"/>\n'
            + f"  <itemBody>\n{body}  </itemBody>\n" + processing + feedback
            + "</assessmentItem>\n").encode("utf-8")


# FEEDBACK holds the chosen options (for their feedback) and EXPLANATION, always shown.
SHOW_FEEDBACK = ('    <setOutcomeValue identifier="FEEDBACK">\n      <multiple>{responses}'
                 '<baseValue baseType="identifier">EXPLANATION</baseValue></multiple>\n'
                 "    </setOutcomeValue>\n")


def score_if(condition: str, right: str = "", wrong: str = "") -> str:
    """SCORE is 1 when the condition holds, else 0: what match_correct does; `right` and
    `wrong`, more rules for each case."""
    def set_score(value: int) -> str:
        return f'<setOutcomeValue identifier="SCORE"><baseValue baseType="float">{value}</baseValue></setOutcomeValue>'
    return (f"    <responseCondition>\n      <responseIf>\n{condition}        {set_score(1)}\n{right}      </responseIf>\n"
            f"      <responseElse>\n        {set_score(0)}\n{wrong}      </responseElse>\n    </responseCondition>\n")


def choice_parts(q: Question) -> tuple[str, str, str]:
    cardinality = "single" if q.type == "single" else "multiple"
    correct = "".join(f"<value>{choice_id(o)}</value>" for o in q.options if o.correct)
    declarations = (f'  <responseDeclaration identifier="RESPONSE" cardinality="{cardinality}" '
                    f'baseType="identifier">\n    <correctResponse>{correct}</correctResponse>\n'
                    "  </responseDeclaration>\n")
    choices = "".join(f'      <simpleChoice identifier="{choice_id(o)}">{xhtml(inline_html(o.text), q)}'
                      "</simpleChoice>\n" for o in q.options)
    body = (f"{xhtml(html(q.question), q)}\n"
            f'    <choiceInteraction responseIdentifier="RESPONSE" shuffle="true" '
            f'maxChoices="{1 if q.type == "single" else 0}">\n{choices}    </choiceInteraction>\n')
    # The template names the standard scoring for a player that only knows templates;
    # the rules spell it out and add the feedback (QTI prefers the rules when both exist).
    processing = (f'  <responseProcessing template="{MATCH_CORRECT}">\n'
                  + score_if('        <match><variable identifier="RESPONSE"/>'
                             '<correct identifier="RESPONSE"/></match>\n')
                  + SHOW_FEEDBACK.format(responses='<variable identifier="RESPONSE"/>')
                  + "  </responseProcessing>\n")
    return declarations, body, processing


def fill_parts(q: Question) -> tuple[str, str, str]:
    """A blank is right when it matches its answer, ignoring case, as on the site; the
    question scores 1 when every blank is right."""
    responses = [f"RESPONSE_{number}" for number in range(1, len(q.blanks) + 1)]
    declarations = "".join(
        f'  <responseDeclaration identifier="{name}" cardinality="single" baseType="string">\n'
        f"    <correctResponse><value>{escape(answer, quote=False)}</value></correctResponse>\n"
        "  </responseDeclaration>\n" for name, answer in zip(responses, q.blanks))
    text = with_blanks(q, lambda number, answer: f'<textEntryInteraction responseIdentifier="RESPONSE_{number}"/>')
    body = f"{xhtml(text, q)}\n"
    matches = "".join(f'          <stringMatch caseSensitive="false"><variable identifier="{name}"/>'
                      f'<correct identifier="{name}"/></stringMatch>\n' for name in responses)
    def show(outcome: str) -> str:  # the right or wrong answer's feedback, and the explanation
        return "    " + SHOW_FEEDBACK.format(
            responses=f'<baseValue baseType="identifier">{outcome}</baseValue>').replace("\n    ", "\n        ")
    processing = ("  <responseProcessing>\n"
                  + score_if(f"        <and>\n{matches}        </and>\n", show("RIGHT"), show("WRONG"))
                  + "  </responseProcessing>\n")
    return declarations, body, processing


def section_id(stem: str | None) -> str:
    return f"section-{stem or 'other'}"


def qti_test(module, groups) -> bytes:
    """One assessmentTest per module: a section per lesson, in course order."""
    sections = ""
    for stem, title, questions in groups:
        refs = "".join(f'      <assessmentItemRef identifier="{attr(q.id)}" href="../items/{attr(q.id)}.xml"/>\n'
                       for q in questions)
        sections += (f'    <assessmentSection identifier="{attr(section_id(stem))}" '
                     f'title="{attr(title or "Other questions")}" visible="true">\n{refs}    </assessmentSection>\n')
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<assessmentTest xmlns="{QTI_NS}" xmlns:xsi="{XSI_NS}" xsi:schemaLocation="{QTI_NS} {QTI_XSD}" '
            f'identifier="{attr(module.name)}" title="{attr(module.title)}">\n'
            '  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>\n'
            '  <testPart identifier="questions" navigationMode="nonlinear" submissionMode="individual">\n'
            f"{sections}  </testPart>\n"
            '  <outcomeProcessing>\n    <setOutcomeValue identifier="SCORE">\n'
            '      <sum><testVariables variableIdentifier="SCORE"/></sum>\n'
            "    </setOutcomeValue>\n  </outcomeProcessing>\n"
            "</assessmentTest>\n").encode("utf-8")


def test_resource_id(module_name: str) -> str:
    return f"test-{module_name}"  # a module name starts with a digit: not an xsd:ID


def qti_manifest(tests: dict[str, list[Question]], identifier: str = "question-banks") -> bytes:
    """IMS CP 1.1 manifest: a resource per test, depending on its items, and per item."""
    resources = ""
    for module_name, questions in tests.items():
        href = f"tests/{module_name}.xml"
        dependencies = "".join(f'      <dependency identifierref="{attr(q.id)}"/>\n' for q in questions)
        resources += (f'    <resource identifier="{attr(test_resource_id(module_name))}" type="imsqti_test_xmlv2p1" '
                      f'href="{attr(href)}">\n      <file href="{attr(href)}"/>\n{dependencies}    </resource>\n')
    for questions in tests.values():
        for q in questions:
            href = f"items/{q.id}.xml"
            resources += (f'    <resource identifier="{attr(q.id)}" type="imsqti_item_xmlv2p1" href="{attr(href)}">\n'
                          f'      <file href="{attr(href)}"/>\n    </resource>\n')
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<manifest xmlns="{CP_NS}" xmlns:xsi="{XSI_NS}" xsi:schemaLocation="{CP_NS} {CP_XSD}" '
            f'identifier="{identifier}">\n'
            "  <metadata>\n    <schema>QTIv2.1 Package</schema>\n    <schemaversion>1.0.0</schemaversion>\n"
            "  </metadata>\n  <organizations/>\n"
            f"  <resources>\n{resources}  </resources>\n</manifest>\n").encode("utf-8")


def qti_files(course: Course) -> dict[str, bytes]:
    """Every file of the package by its name in the zip."""
    check_identifiers(course)
    files: dict[str, bytes] = {}
    by_module: dict[str, list] = {}
    for module, stem, title, questions in lesson_groups(course):
        by_module.setdefault(module.name, [module, []])[1].append((stem, title, questions))
        for q in questions:
            files[f"items/{q.id}.xml"] = qti_item(q)
    for name, (module, groups) in by_module.items():
        files[f"tests/{name}.xml"] = qti_test(module, groups)
    files["imsmanifest.xml"] = qti_manifest(
        {name: [q for _, _, questions in groups for q in questions] for name, (_, groups) in by_module.items()})
    return files


def qti_package(course: Course, path: Path, epoch: int, files: dict[str, bytes] | None = None):
    """The QTI 2.1 package (the banks', or `files`) as a zip with the same bytes for the same
    course and epoch: sorted entries, one timestamp, plain modes (as scripts/release.py's
    offline_zip)."""
    stamp = datetime.fromtimestamp(max(epoch, 315532800), timezone.utc).timetuple()[:6]  # zip starts at 1980
    files = qti_files(course) if files is None else files
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system, info.external_attr = 3, 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name], compresslevel=9)


# --- module tests: the assessment pools (quizzes/assessment/) ----------------------------
# Separate files from the banks above, so an administrator imports either without the other.
# The pools never reach a page (course.Course.pools); only these exports hold them.

ASSESSMENT_CATEGORY = "Assessment"


def pools_in_order(course: Course):
    """(module, its pool's questions) for each module with a pool, in course order."""
    for module in course.modules:
        pool = course.pools.get(module.name)
        if pool is not None:
            yield module, list(pool.questions.values())


def assessment_category(module) -> str:
    """e.g. '01 Foundations: from agent to leader': named by the module, so the same
    category in every release and a re-import finds it."""
    return f"{module.name.split('-', 1)[0]} {module.title}"


def assessment_moodle_xml(course: Course, course_title: str = COURSE_TITLE) -> bytes:
    """Every pool in Moodle XML: one category per module under 'Assessment', for a quiz
    that adds N random questions from it. Same pools, same bytes."""
    check_identifiers(course, course.pool_questions.values())
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n']
    for module, questions in pools_in_order(course):
        category = category_path(course_title, ASSESSMENT_CATEGORY, assessment_category(module))
        parts.append(f'  <question type="category">\n    <category>\n'
                     f"      <text>{escape(category, quote=False)}</text>\n"
                     "    </category>\n  </question>\n")
        for number, q in enumerate(questions, 1):
            title = module.page_titles.get(f"modules/{module.name}/{q.page}.md")
            parts.append(moodle_question(q, moodle_name(module, number, title, q)))
    parts.append("</quiz>\n")
    return "".join(parts).encode("utf-8")


def assessment_test(module, questions: list[Question], draw: int, pass_mark: int) -> bytes:
    """A module test: one section drawing `draw` of the pool's items in a shuffled order;
    SCORE sums the items' scores, and PASS is SCORE over MAXSCORE (one a drawn item)
    reaching the pass mark."""
    refs = "".join(f'      <assessmentItemRef identifier="{attr(q.id)}" href="../items/{attr(q.id)}.xml"/>\n'
                   for q in questions)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<assessmentTest xmlns="{QTI_NS}" xmlns:xsi="{XSI_NS}" xsi:schemaLocation="{QTI_NS} {QTI_XSD}" '
            f'identifier="{attr(test_resource_id(module.name))}" title="{attr(module.title)}: module test">\n'
            '  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>\n'
            '  <outcomeDeclaration identifier="MAXSCORE" cardinality="single" baseType="float">\n'
            f"    <defaultValue><value>{draw}</value></defaultValue>\n  </outcomeDeclaration>\n"
            '  <outcomeDeclaration identifier="PASS" cardinality="single" baseType="boolean"/>\n'
            '  <testPart identifier="test" navigationMode="nonlinear" submissionMode="simultaneous">\n'
            f'    <assessmentSection identifier="pool" title="{attr(module.title)}" visible="true">\n'
            f'      <selection select="{draw}"/>\n      <ordering shuffle="true"/>\n'
            f"{refs}    </assessmentSection>\n  </testPart>\n"
            '  <outcomeProcessing>\n    <setOutcomeValue identifier="SCORE">\n'
            '      <sum><testVariables variableIdentifier="SCORE"/></sum>\n'
            "    </setOutcomeValue>\n"
            '    <setOutcomeValue identifier="PASS">\n      <gte>\n'
            '        <divide><variable identifier="SCORE"/><variable identifier="MAXSCORE"/></divide>\n'
            f'        <baseValue baseType="float">{pass_mark / 100:g}</baseValue>\n'
            "      </gte>\n    </setOutcomeValue>\n  </outcomeProcessing>\n"
            "</assessmentTest>\n").encode("utf-8")


def assessment_qti_files(course: Course) -> dict[str, bytes]:
    """The module tests' package, file by name: every pool item, a test per module, the
    manifest."""
    check_identifiers(course, course.pool_questions.values())
    files: dict[str, bytes] = {}
    tests: dict[str, list[Question]] = {}
    for module, questions in pools_in_order(course):
        files[f"tests/{module.name}.xml"] = assessment_test(module, questions, course.test_length, course.pass_mark)
        tests[module.name] = questions
        for q in questions:
            files[f"items/{q.id}.xml"] = qti_item(q)
    files["imsmanifest.xml"] = qti_manifest(tests, identifier="module-tests")
    return files


# --- checking a package against the IMS schemas ------------------------------------------

@functools.cache
def schemas():
    """The QTI 2.1 and IMS CP 1.1 schemas, built once (about two seconds), from local
    files only."""
    import xmlschema  # a release and test dependency, not one of the site build

    copies = {url: (SCHEMA_DIR / name).resolve().as_uri() for url, name in SCHEMA_COPIES.items()}
    qti = xmlschema.XMLSchema(str(SCHEMA_DIR / "imsqti_v2p1.xsd"), allow="local",
                              uri_mapper=lambda uri: copies.get(uri, uri))
    # IMS CP 1.1 as ADL ships it with SCORM 2004 (same namespace), so one copy serves both.
    cp = xmlschema.XMLSchema(str(SCHEMA_DIR.parent / "scorm2004" / "imscp_v1p1.xsd"), allow="local")
    return qti, cp


def validate_qti(package: Path | bytes) -> list[str]:
    """Every problem of a QTI package as `FILE: PATH: message`; empty when each item and
    test matches the QTI 2.1 schema, the manifest matches IMS CP 1.1, and every variable
    and file they name exists (see reference_problems)."""
    qti, cp = schemas()
    source = io.BytesIO(package) if isinstance(package, bytes) else package
    problems = []
    with zipfile.ZipFile(source) as archive:
        names = set(archive.namelist())
        if "imsmanifest.xml" not in names:
            return ["imsmanifest.xml: missing"]
        for name in sorted(names):
            if name == "imsmanifest.xml":
                schema = cp
            elif name.endswith(".xml") and name.startswith(("items/", "tests/")):
                schema = qti
            else:
                problems.append(f"{name}: not an item, a test or the manifest")
                continue
            data = archive.read(name)
            try:
                root = ElementTree.fromstring(data)
            except ElementTree.ParseError as error:
                problems.append(f"{name}: not well-formed XML: {error}")
                continue
            for error in schema.iter_errors(io.BytesIO(data)):
                problems.append(f"{name}: {error.path or '/'}: {error.reason or error.message}")
            problems += [f"{name}: {problem}" for problem in reference_problems(name, root, names)]
    return problems


def reference_problems(name: str, root: ElementTree.Element, names: set[str]) -> list[str]:
    """What the schemas cannot see: a variable used but never declared in an item, and a
    test or manifest naming a file the package does not hold."""
    problems = []
    declared = {e.get("identifier") for e in root if e.tag.endswith(("}responseDeclaration", "}outcomeDeclaration"))}
    declared |= {"duration", "numAttempts", "completionStatus"}  # QTI declares these itself
    if root.tag == f"{{{QTI_NS}}}assessmentItem":
        for element in root.iter():
            for key in ("responseIdentifier", "outcomeIdentifier"):
                used = element.get(key)
                if used and used not in declared:
                    problems.append(f"{element.tag.split('}')[1]} uses {key} '{used}', which is not declared")
            is_reference = element.tag in (f"{{{QTI_NS}}}variable", f"{{{QTI_NS}}}correct")
            if is_reference and element.get("identifier") not in declared:
                problems.append(f"'{element.get('identifier')}' is used in responseProcessing but not declared")
    folder = name.rpartition("/")[0]
    linking = {f"{{{QTI_NS}}}assessmentItemRef", f"{{{CP_NS}}}file"}
    for element in (e for e in root.iter() if e.tag in linking):
        href = element.get("href", "")
        if posixpath.normpath(posixpath.join(folder, href)) not in names:
            problems.append(f"names {href}, which the package does not hold")
    return problems
