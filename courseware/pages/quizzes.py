"""Quizzes on the page: mkdocs-quiz markup made from a bank, then the HTML mkdocs-quiz
writes, finished for this course.

mkdocs-quiz numbers quizzes by position (`quiz-0`…) and saves answers by option index,
so a learner's saved answers would drift when a bank changes. Here each quiz gets its
question's id and each option a key made from its text. mkdocs-quiz also inlines its CSS
and JS into every page and writes inline event handlers and style attributes; here its
CSS and JS are files named by content (cached between pages) and the markup carries
nothing a strict Content-Security-Policy would block.

This module is the one place that knows mkdocs-quiz (pinned in requirements.txt): its
markup, its private members (ENGINE_MEMBERS, checked when a build starts), its script's
text (PATCHES, each found exactly once or the build stops, naming the patch), its inline
blocks, and its quizzes as the print page shows them. In pages/ by its main concern, the
quiz a page shows; `finish_page` works on the finished HTML because only this module knows
mkdocs-quiz's markup.
"""
from __future__ import annotations

import hashlib
from html import escape
import json
import re
from pathlib import Path
from typing import Callable

import rcssmin
import rjsmin

from ..contract import Classes
from ..model.banks import Question
from ..model.course import MARKER, Course
from ..model.errors import CourseError
from ..model.text_keys import one_line

ASSET_DIR = "assets/quiz"

# mkdocs-quiz's private members the quiz steps call (quizzes_in_place, converted_once).
ENGINE_MEMBERS = ("_quiz_storage", "_get_quiz_options", "_get_translation_manager", "_process_quiz",
                  "_convert_fragment_markdown")


def missing_engine_members(plugin) -> list[str]:
    """The private members this module relies on that the installed mkdocs-quiz lacks."""
    return [name for name in ENGINE_MEMBERS if not hasattr(plugin, name)]


def markup(q: Question) -> str:
    """The mkdocs-quiz syntax for one question."""
    lines = ["<quiz>", q.question.strip()]
    if q.type == "fill":
        lines += ["---", q.explanation.strip()]
    else:
        for option in q.options:
            lines.append(f"- [{'x' if option.correct else ' '}] {one_line(option.text)}")
            lines.append(f"> {one_line(option.feedback)}")
        lines += ["", q.explanation.strip()]
    return "\n".join(lines + ["</quiz>"])


def expand_markers(markdown: str, src: str, course: Course) -> str:
    """Each `<!-- quiz … -->` marker of a (checked) page becomes its questions' markup."""
    return MARKER.sub(lambda m: "\n\n".join(markup(q) for q in course.marker_questions(src, m.group(0))),
                      markdown)


def content_name(stem: str, body: str, suffix: str) -> str:
    """A file name that changes with the content, so browsers may cache it for a year."""
    return f"{stem}.{hashlib.sha256(body.encode()).hexdigest()[:8]}.{suffix}"


def strip_tag(text: str) -> str:
    """The body of an inline <style>…</style> or <script>…</script>."""
    return re.sub(r"^<(style|script)[^>]*>|</(style|script)>$", "", text)


# The course's feedback rules (courseware/pages/assets/quiz-feedback.js, which the build puts
# before quiz.js as `courseQuizFeedback`), wired into quiz.js where it answers.
FEEDBACK_JS = (Path(__file__).parent / "assets" / "quiz-feedback.js").read_text(encoding="utf-8")
FEEDBACK_PATCHES = [
    ("""  function showFeedback(feedbackDiv, isCorrect, selectedAnswers, correctAnswers, fieldset, quiz) {
    feedbackDiv.classList.remove("hidden");
""",
     """  function showFeedback(feedbackDiv, isCorrect, selectedAnswers, correctAnswers, fieldset, quiz) {
    feedbackDiv.classList.remove("hidden");
    if (fieldset.querySelector('input[type="checkbox"][name="answer"]')) {
      feedbackDiv.innerHTML = courseQuizFeedback.multipleAnswer(
        Array.from(fieldset.querySelectorAll('input[name="answer"]')).map(function (input) {
          var note = input.parentElement.querySelector(".answer-feedback");
          var label = input.parentElement.querySelector("label");
          return { label: label ? label.textContent.trim() : "", html: note ? note.innerHTML : "",
                   right: input.hasAttribute("data-correct"), chosen: input.checked };
        }), isCorrect).html;
      return;
    }
""",
     "a partly right multiple-answer answer showed a red box starting \"Yes.\", never said it was "
     "incomplete or how many answers are right, and an all-right one had no overall \"Right\" (M4)"),
    ("""              var correctItems = collectFeedbackForSelectedOrCorrect(fieldset, quiz);
              var correctFeedbackHTML = buildFeedbackHTML(correctItems, "correct");
              feedbackDiv.innerHTML =
                correctFeedbackHTML || wrapFeedbackItem("correct", getDefaultFeedbackMessage(true, false));
""",
     """              showFeedback(feedbackDiv, true, fieldset.querySelectorAll('input[name="answer"]:checked'),
                           correctAnswers, fieldset, quiz);
""",
     "a saved right answer, shown again on a later visit, bypassed showFeedback (M4)"),
    ("""              var incorrectItems = collectFeedbackFromNodeList(
                fieldset.querySelectorAll('input[name="answer"]:checked'),
              );
              var incorrectFeedbackHTML = buildFeedbackHTML(incorrectItems, "incorrect");
              feedbackDiv.innerHTML =
                incorrectFeedbackHTML || wrapFeedbackItem("incorrect", getDefaultFeedbackMessage(false, canRetry));
""",
     """              showFeedback(feedbackDiv, false, fieldset.querySelectorAll('input[name="answer"]:checked'),
                           correctAnswers, fieldset, quiz);
""",
     "a saved wrong answer, shown again on a later visit, bypassed showFeedback (M4)"),
    ("""      addTrackedEventListener(resetButton, "click", resetHandler);
""",
     """      addTrackedEventListener(resetButton, "click", resetHandler);
      // A person's press (not progress.js clearing a page) keeps focus in the question.
      addTrackedEventListener(resetButton, "click", (event) => {
        if (event.isTrusted) courseQuizFeedback.focusQuestion(quiz);
      });
""",
     "\"Try again\" hid itself and dropped keyboard focus to the page (M3)"),
    ("""          // Always show the content section after submission
          if (section) {
            section.classList.remove("hidden");
          }

          if (is_correct) {
            // Show correct feedback
""",
     """          // The explanation names the answer: it waits for a right answer or a second go.
          var courseTries = (Number(quiz.getAttribute("data-course-tries")) || 0) + 1;
          quiz.setAttribute("data-course-tries", String(courseTries));
          if (section) {
            section.classList.toggle("hidden", !courseQuizFeedback.showsExplanation(is_correct, courseTries));
          }

          if (is_correct) {
            // Show correct feedback
""",
     "a fill-in-the-blank question's explanation gave the word away after the first wrong try (m22)"),
    ("var feedbackTextFill = getDefaultFeedbackMessage(false, canRetryFill);",
     "var feedbackTextFill = courseQuizFeedback.fillWrong(courseTries);",
     "a wrong fill-in answer asked the learner to read feedback that is not shown yet (m22)"),
    ("""              // Restore incorrect answer state
              if (section) {
                section.classList.remove("hidden");
              }

              // Mark wrong/correct inputs
""",
     """              // Restore incorrect answer state: one try so far, the explanation waits.
              quiz.setAttribute("data-course-tries", "1");

              // Mark wrong/correct inputs
""",
     "a saved wrong fill-in answer showed the explanation, and the word, on a later visit (m22)"),
    ("var feedbackTextRestore = getDefaultFeedbackMessage(false, canRetryRestore);",
     "var feedbackTextRestore = courseQuizFeedback.fillWrong(1);",
     "a saved wrong fill-in answer asked the learner to read feedback that is not shown (m22)"),
]


# Changes to mkdocs-quiz's quiz.js, each for a defect the course cannot fix from outside.
# Each old text must be found exactly once, or the build stops: a new mkdocs-quiz needs a
# fresh look at them.
PATCHES = [
    ("var maxBadgeLen = 30;", "var maxBadgeLen = Infinity;",
     "the label above an option's feedback was cut at 30 characters; course.css wraps it instead"),
    ('let resetButton = document.createElement("button");',
     'quiz.querySelectorAll(".quiz-reset-button").forEach((old) => old.remove());\n'
     '      let resetButton = document.createElement("button");',
     "with Material's page events a page is set up twice, which left a second, dead \"Try again\" "
     "button in every question"),
    # The HTML minifier drops type="submit" from a button, where it is the default; the
    # selectors below find the same button by what it is not (Try again is type="button").
    ("""const submitButton = form.querySelector('button[type="submit"]');""",
     """const submitButton = form.querySelector('button:not([type="button"]):not([type="reset"])');""",
     "the minified page has no type=\"submit\" for quiz.js to find its Check button by"),
    ("""let submitButton = form.querySelector('button[type="submit"]');""",
     """let submitButton = form.querySelector('button:not([type="button"]):not([type="reset"])');""",
     "the minified page has no type=\"submit\" for quiz.js to find its Check button by"),
    # Its "localStorage" is the course's store (store.js), which caps each answer itself;
    # a page's share of it grows with the course, and "Review my questions" holds it all.
    ("if (data.length > 50000) {", "if (false) {",
     "quiz.js did not save a page's answers above 50,000 characters (the review page passes that "
     "at about 385 answered questions)"),
    ("if (stored.length > 50000) {", "if (false) {",
     "quiz.js cleared a page's answers above 50,000 characters (a long fill-in answer was enough)"),
] + FEEDBACK_PATCHES


# A fragment with a link (or raw HTML, which may hold one) converts relative to its page.
PAGE_DEPENDENT = re.compile(r"\]\(|\]\[|\]:|<")


def converted_once(convert):
    """mkdocs-quiz turns every option, feedback and explanation into HTML with a whole
    Markdown run: about 4,400 runs a build for about 2,200 different texts, because the
    review page repeats every question and options repeat. A text without a link converts
    the same on every page, so it is converted once a build; the rest as before."""
    done: dict[str, str] = {}

    def convert_fragment(text, *args, **kwargs):
        if PAGE_DEPENDENT.search(text):
            return convert(text, *args, **kwargs)
        if text not in done:
            done[text] = convert(text, *args, **kwargs)
        return done[text]
    return convert_fragment


QUIZ_PLACEHOLDER = re.compile(r"<!-- MKDOCS_QUIZ_PLACEHOLDER_(\d+) -->")
QUIZ_TAG = re.compile(r"<quiz>(.*?)</quiz>", re.S)


def quizzes_in_place(html: str, sources: dict[str, str], make: Callable[[str, int], str],
                     with_source: bool = False) -> str:
    """The page with each of mkdocs-quiz's placeholders replaced, in one pass, by its quiz's
    HTML: make(what is inside <quiz>, quiz number), and the source in a comment before it
    when with_source. sources: placeholder -> the quiz's <quiz>...</quiz> text.

    mkdocs-quiz replaces them one at a time, a pass over the whole page each: on the review
    page, which holds every question, that grows with the square of the course (29 s of a
    build of the course twenty times over)."""
    def put(match: re.Match) -> str:
        source = sources.get(match.group(0))
        if source is None:
            return match.group(0)
        inner = QUIZ_TAG.search(source)
        made = make(inner.group(1) if inner else source, int(match.group(1)))
        return f"<!-- mkdocs-quiz-source\n{source}\n-->\n{made}" if with_source else made
    return QUIZ_PLACEHOLDER.sub(put, html)


def patched_quiz_js(js: str) -> str:
    """quiz.js with the PATCHES applied, and with the course's answer store where it
    expects localStorage, so an answer is kept by question id across pages and releases
    (see docs/assets/javascripts/store.js)."""
    for old, new, why in PATCHES:
        if js.count(old) != 1:
            raise CourseError(f"mkdocs-quiz's quiz.js has changed: the patch for '{why}' no longer applies "
                              "(courseware/pages/quizzes.py PATCHES)")
        js = js.replace(old, new)
    return ("(function (localStorage) {\n" + FEEDBACK_JS + js
            + "\n})(window.courseAnswers ? window.courseAnswers.pageStorage : window.localStorage);\n")


def assets(css: str, js: str) -> dict[str, str]:
    """mkdocs-quiz's CSS and JS (its inline blocks) as files: name -> content."""
    # Minified (compiled rcssmin and rjsmin): mkdocs-quiz writes both for reading, and
    # the quiz script is the largest file a lesson loads after Material's own bundle.
    css, js = rcssmin.cssmin(strip_tag(css)), rjsmin.jsmin(patched_quiz_js(strip_tag(js)))
    return {content_name("quiz", css, "css"): css, content_name("quiz", js, "js"): js}


def stable_ids(html: str, ids: list[str], course: Course) -> str:
    """quiz-N -> the question's id; option indices -> keys made from the option text. Run
    on each quiz as mkdocs-quiz makes it (ids: the page's questions in mkdocs-quiz's order),
    so every later step sees the final ids."""
    def rename(number: str) -> str:
        return ids[int(number)] if int(number) < len(ids) else f"quiz-{number}"

    # Only the quiz's own id (its storage key and deep link) and its "#" link change; the
    # ids inside a quiz stay mkdocs-quiz's short positional ones, which nothing stores.
    html = re.sub(r'(id="|href="#)quiz-(\d+)"', lambda m: f'{m.group(1)}{rename(m.group(2))}"', html)
    # One pass over the page: after a question's own id, each answer's index becomes the
    # next of its option keys (a pass per question was quadratic on the review page).
    questions = {qid: course.questions.get(qid) for qid in ids}
    keys = None

    def stable_value(match: re.Match) -> str:
        nonlocal keys
        if match["qid"] is not None:
            question = questions.get(match["qid"])
            if question is not None:
                keys = iter(o.key for o in question.options) if question.type != "fill" else None
            return match.group(0)
        return match["before"] + next(keys) if keys is not None else match.group(0)

    return ID_OR_ANSWER.sub(stable_value, html)


ID_OR_ANSWER = re.compile(r'\bid="(?P<qid>[^"]+)"|(?P<before>name="answer" value=")\d+(?=")')


# mkdocs-quiz's per-page progress box: the course has one progress model of its own.
PROGRESS_SIDEBAR = re.compile(r'\s*<div id="quiz-progress-sidebar".*?</nav>', re.S)
# Inline handlers and javascript: URLs that a strict policy blocks; quiz.js listens for
# the submit event itself and stops it.
FORM = re.compile(r'<form action="javascript:void\(0\);" onsubmit="return false;">')
HEADER_LINK = re.compile(r'<a href="#(?P<id>[^"]+)" class="quiz-header-link">#</a>')
# A fill-in-the-blank question's box sits outside its form, so Enter does nothing in it.
FILL_QUESTION = re.compile(r'(?P<question><div class="quiz-question">.*?</div>)\s*<form>', re.S)
FIRST_QUIZ = re.compile(r'<div class="quiz[ "]')


def finish_page(html: str, src: str, ids: list[str], inline: dict[str, str],
                links: dict[str, str], scripts: str = "", panel: str = "",
                labels: dict[str, str] | None = None) -> str:
    """The quiz HTML mkdocs-quiz wrote for a page, made ready for this course.

    inline: mkdocs-quiz's inline CSS and JS blocks ('css', 'js') as it writes them;
    links: the same kinds -> the URL of their file; scripts: the tags that must run
    before the quiz script (the answer store); panel: the page's progress panel; labels:
    a question's own words in place of "Question N of M" (the review page's). Its two
    small inline scripts that set its options stay: a policy allows them by hash. The
    quizzes already carry their final ids (stable_ids, as each was made)."""
    missing = [kind for kind in ("css", "js") if inline[kind] not in html]
    if missing:
        raise CourseError(f"docs/{src}: mkdocs-quiz's inline {' and '.join(missing)} was not found: its output "
                          "changed, so courseware/pages/quizzes.py needs updating")
    html = html.replace(inline["css"], f'<link rel="stylesheet" href="{links["css"]}">')
    html = html.replace(inline["js"], f'{scripts}<script src="{links["js"]}" defer></script>')
    html = PROGRESS_SIDEBAR.sub("", html)
    html = FORM.sub("<form>", html)
    count = len(ids)
    numbers = {qid: n for n, qid in enumerate(ids, 1)}
    # Each question opens with a line of its own: its number (the link to it) and, from
    # copy-link.js, a button to copy that link; neither covers the question's text.
    labels = labels or {}
    html = HEADER_LINK.sub(lambda m: f'<div class="{Classes.QUIZ_TOOLBAR}">'
                                     f'<a href="#{m["id"]}" class="{Classes.QUIZ_HEADER_LINK}">'
                                     + (escape(labels[m["id"]]) if m["id"] in labels
                                        else f'Question {numbers.get(m["id"], "")} of {count}')
                                     + '</a></div>', html)
    html = re.sub(r'(<div class="quiz quiz-fill-blank".*?)(?=<section class="content)',
                  lambda m: FILL_QUESTION.sub(lambda q: "<form>" + q["question"], m.group(1), count=1), html,
                  flags=re.S)
    if panel:
        html = FIRST_QUIZ.sub(lambda m: panel + m.group(0), html, count=1)
    return NOT_SEARCHED.sub(r"\1 data-search-exclude", html)


# Search finds a question by its words and options, never by its feedback or explanation:
# those name the right answer, and they were a fifth of the search index every page loads
# (Material's search leaves out an element marked data-search-exclude). The page panel's
# button words are not course content either.
NOT_SEARCHED = re.compile(
    rf'(<(?:div|section) class="(?:answer-feedback|content|{Classes.QUIZ_PAGE_PROGRESS})(?: [^"]*)?")')


# --- mkdocs-quiz's markup as other steps meet it ---------------------------------------

# Its two small inline blocks, exactly as it writes them: its translations as one JSON
# object, and its three settings. Anything more (even after a matching start) is not its own.
ENGINE_TRANSLATIONS = re.compile(r"\s*window\.mkdocsQuizTranslations\s*=\s*(\{.*\})\s*;\s*", re.S)
ENGINE_CONFIG = re.compile(r"\s*window\.mkdocsQuizConfig\s*=\s*\{\s*confetti:\s*(true|false),\s*"
                           r"showProgress:\s*(true|false),\s*progressSidebarPosition:\s*\"[a-z-]+\"\s*\}\s*;\s*")


def is_engine_inline_script(code: str) -> bool:
    """Whether an inline script is one of mkdocs-quiz's two option blocks and nothing more."""
    if ENGINE_CONFIG.fullmatch(code):
        return True
    translations = ENGINE_TRANSLATIONS.fullmatch(code)
    if not translations:
        return False
    try:
        value = json.loads(translations.group(1))
    except ValueError:
        return False
    return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())


QUIZ_BLOCK = re.compile(r'<div class="quiz[ "].*?</section>\s*</div>', re.S)


def _on_paper(match: re.Match) -> str:
    quiz = match.group(0)
    question = re.search(r'<div class="quiz-question"[^>]*>(.*?)</div>', quiz, re.S)
    text = question.group(1) if question else ""
    text = re.sub(r"<input[^>]*quiz-blank-input[^>]*>", "__________", text)
    options = re.findall(r"<label[^>]*>(.*?)</label>", quiz, re.S)
    items = "".join(f"<li>{option}</li>" for option in options)
    return (f'<div class="print-question">{text}'
            + (f'<ul class="print-question__options">{items}</ul>' if items else "")
            + '<div class="write-here" aria-hidden="true"></div></div>')


def on_paper(html: str) -> str:
    """A page's content with its quizzes as questions to answer on paper: the question, its
    options as a list and a space to write (the print page)."""
    return QUIZ_BLOCK.sub(_on_paper, html)
