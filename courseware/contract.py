"""Every name the course's Python, its browser scripts, its stylesheets and its tests share.

Look here before renaming a storage key, an event, a `data-*` attribute, a class a script
selects on, a window global or a script's path: each is defined once, with who writes it
and who reads it. Python that writes one uses the constant; the scripts read it from
`window.courseContract`; the stylesheets name classes and attributes as CSS must, and
tests/test_contract.py checks both sides (no script hard-codes a listed storage key,
event, `data-*` attribute or class; every name here is used somewhere).

The names reach the scripts as `docs/assets/javascripts/contract.js`, written from this
module (`python -m courseware.contract` rewrites it; a test fails while it is out of date)
and checked in, rather than made by the build, because:
- it is then an ordinary file of the site: hashed, minified and cached like the other
  scripts (courseware.html.asset_names), with no hook of its own to keep in step with the
  engine adapter;
- the scripts run as they are, from the tree, in the Node tests (tests/js/browser-env.mjs
  loads this file before them) and in `make serve`, with no build first;
- it loads first on every page as the first `extra_javascript` (Material writes those
  tags at the end of the body without `defer`, so it runs before every deferred page
  script), and stays on `window` across instant navigation; the SCORM launcher loads the
  site's copy first too. A plain script, not a module: the offline zip opens from file://.

Changing a value here changes what a learner's browser holds: the storage keys and format
versions must not change (saved answers, notebook and conversation paths survive every
release), nor the progress file's format name.

This module imports nothing of the course.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

SCRIPT_PATH = Path(__file__).resolve().parent.parent / "docs" / "assets" / "javascripts" / "contract.js"


class Storage:
    """localStorage entries and saved formats: store.js alone reads and writes them (the
    key is the prefix + extra.storage_name); progress-file.js writes and reads the file."""
    ANSWERS_PREFIX = "course-answers:"  # store.js: quiz answers; tests read it
    ANSWERS_VERSION = 1  # store.js: {"version": 1, "answers": {...}}
    NOTEBOOK_PREFIX = "course-notebook:"  # store.js: notebook entries and action plan
    NOTEBOOK_VERSION = 1  # store.js: {"version": 1, "entries": {...}, "plan": {...}}
    CONVERSATIONS_PREFIX = "course-conversations:"  # store.js: paths through conversations
    CONVERSATIONS_VERSION = 1  # store.js: {"version": 1, "paths": {...}}
    NOTEBOOK_OWNER_PREFIX = "course-notebook-owner:"  # store.js: whose notebook it is (LMS)
    UNREADABLE_SUFFIX = ":unreadable"  # store.js: an entry it cannot read, kept aside
    LEGACY_PREFIX = "quiz_progress_"  # mkdocs-quiz's own keys before the store; store.js folds them in
    PROGRESS_FILE_FORMAT = "leading-a-contact-centre-team/progress"  # progress-file.js writes and reads it
    PROGRESS_FILE_VERSION = 1  # progress-file.js: a newer file is refused


class Events:
    """Events told on window: store.js tells them; the scripts named listen."""
    ANSWERS_CHANGE = "courseanswerschange"  # progress.js, review.js, scorm-launch.js
    ANSWERS_NOT_SAVED = "courseanswersnotsaved"  # progress.js says so in words
    NOTEBOOK_CHANGE = "coursenotebookchange"  # notebook.js, progress-file.js
    CONVERSATIONS_CHANGE = "courseconversationschange"  # progress.js, scorm-launch.js


class Globals:
    """Window globals. Scripts name these directly, as their API (`window.courseAnswers`),
    so they are listed for the Python that writes three of them and for the tests."""
    CONTRACT = "courseContract"  # contract.js (this module); every script below
    STORE = "courseStore"  # store.js; progress-file.js
    ANSWERS = "courseAnswers"  # store.js; progress.js, review.js, scorm-launch.js, quiz.js (wrapped)
    NOTEBOOK = "courseNotebook"  # store.js; notebook.js, progress-file.js, scorm-launch.js
    CONVERSATIONS = "courseConversations"  # store.js; conversation.js, progress.js, scorm-launch.js
    PROGRESS_MAP = "courseProgressMap"  # progress.py (assets/quiz/progress-map.js); progress.js
    QUESTION_CODES = "courseQuestionCodes"  # progress.py (assets/quiz/question-codes.js); store.js
    SCORM = "courseScorm"  # scorm.py (the launcher's questions.js); scorm-launch.js
    SCORM_SESSION = "courseScormSession"  # scorm-launch.js; progress-file.js (inside an LMS?), tests


class Data:
    """`data-*` attributes: written by the Python named (or a script), read by the scripts
    named; stylesheets that select on one say so."""
    COURSE = "data-course"  # progress.py, scorm.py (store.js's tag, the file widget); store.js, progress-file.js
    VERSION = "data-version"  # progress.py (file widget); progress-file.js
    QUIZ_IDS = "data-quiz-ids"  # progress.py, review.py; progress.js, review.js
    MODULE = "data-module"  # progress.py (the widget's scope); progress.js, progress-file.js, course.css
    PROGRESS_TEXT = "data-progress-text"  # progress.py; progress.js
    PROGRESS_NEXT = "data-progress-next"  # progress.py; progress.js
    ANSWERED = "data-answered"  # progress.py (record rows); progress.js
    CORRECT = "data-correct"  # progress.py (record rows); progress.js (mkdocs-quiz marks right options so too)
    PROGRESS_CLEAR = "data-progress-clear"  # progress.py (page panel); progress.js
    PROGRESS_RESET = "data-progress-reset"  # progress.py ("My progress"); progress.js
    PROGRESS_SAVE = "data-progress-save"  # progress.py (file widget); progress-file.js
    PROGRESS_LOAD = "data-progress-load"  # progress.py (file widget); progress-file.js
    PROGRESS_CLEAR_ALL = "data-progress-clear-all"  # progress.py (file widget); progress-file.js
    RECORD_DATE = "data-record-date"  # progress.py (course record); progress-file.js
    NOTEBOOK_COUNT = "data-notebook"  # progress.py (course record's cell); progress-file.js
    RECORD_MODULE = "data-record-module"  # progress.py (the course record's rows: a module id); progress-file.js
    NOTEBOOK_MODULE = "data-notebook-module"  # notebook.py (a module's title on "My notebook"); notebook.js
    CONVERSATION_ROW = "data-conversation-row"  # conversation_pages.py (table); progress.js
    ENDINGS = "data-endings"  # conversation_pages.py (table); progress.js
    REACHED = "data-reached"  # conversation_pages.py (table); progress.js
    INTERVALS = "data-intervals"  # review.py (review.INTERVAL_DAYS); review.js
    BATCH = "data-batch"  # review.py; review.js
    REVIEW_ASK = "data-review-ask"  # review.js; store.js (asked again: shown fresh)
    REVIEW_STATE = "data-review-state"  # review.js; tests
    READY = "data-ready"  # review.js (review controls set up); review.css, tests
    NOTEBOOK_ENTRY = "data-notebook-entry"  # notebook.py; notebook.js
    NOTEBOOK_TEXT = "data-notebook-text"  # notebook.py; notebook.js
    NOTEBOOK_ANSWER = "data-notebook-answer"  # notebook.py (the model answer); notebook.js
    NOTEBOOK_ACTIONS = "data-notebook-actions"  # notebook.py ("My notebook"); notebook.js
    NOTEBOOK_PRINT = "data-notebook-print"  # notebook.py; notebook.js
    NOTEBOOK_DOWNLOAD = "data-notebook-download"  # notebook.py; notebook.js
    NOTEBOOK_VIEW = "data-notebook-view"  # notebook.py; notebook.js
    NOTEBOOK_VIEW_TEXT = "data-notebook-view-text"  # notebook.py; notebook.js
    NOTEBOOK_LESSON = "data-notebook-lesson"  # notebook.py; notebook.js
    NOTEBOOK_NOTHING = "data-notebook-nothing"  # notebook.py; notebook.js
    NOTEBOOK_PLAN_MODULE = "data-notebook-plan-module"  # notebook.py; notebook.js
    NOTEBOOK_EMPTY = "data-notebook-empty"  # notebook.js; notebook.css (only what is written prints)
    PLAN_ITEM = "data-plan-item"  # notebook.py (action-plan boxes); notebook.js
    COURSE_TITLE = "data-course-title"  # notebook.py; notebook.js (the downloaded document's title)
    CONVERSATION = "data-conversation"  # conversation_pages.py; conversation.js
    CONVERSATION_TREE = "data-conversation-tree"  # conversation_pages.py; conversation.js
    START = "data-start"  # conversation_pages.py; conversation.js
    EXPERIENCED = "data-experienced"  # conversation_pages.py; conversation.js
    NODE = "data-node"  # conversation_pages.py; conversation.js
    ENDING = "data-ending"  # conversation_pages.py; conversation.js
    SPEAKER = "data-speaker"  # conversation_pages.py; conversation.js
    SAYS = "data-says"  # conversation_pages.py; conversation.js
    NOTICE = "data-notice"  # conversation_pages.py; conversation.js
    DEBRIEF = "data-debrief"  # conversation_pages.py; conversation.js
    CHOICE = "data-choice"  # conversation_pages.py, conversation.js (its buttons); conversation.js, tests
    TO = "data-to"  # conversation_pages.py; conversation.js
    SAY = "data-say"  # conversation_pages.py; conversation.js
    FEEDBACK = "data-feedback"  # conversation_pages.py; conversation.js
    PLAYER = "data-player"  # conversation.js (set up once); conversation.js
    LATEST_VERSION = "data-latest-version"  # overrides/main.html (outdated banner); versions.js
    STACK = "data-stack"  # html_fixes.py (a wide table); course.css (one card per row on a phone)
    LABEL = "data-label"  # html_fixes.py (each cell's column); course.css (shown before the cell)


class Classes:
    """Classes the course's Python writes (or a script sets) and scripts select on; the
    stylesheets style most of them. Material's and mkdocs-quiz's own classes are theirs."""
    COURSE_PROGRESS = "course-progress"  # progress.py; progress.js, progress-file.js, course.css, printing.py
    COURSE_PROGRESS_STATUS = "course-progress__status"  # progress.py; progress.js
    QUIZ_PAGE_PROGRESS = "quiz-page-progress"  # progress.py; progress.js, review.py, printing.py
    QUIZ_PAGE_PROGRESS_STATUS = "quiz-page-progress__status"  # progress.py; progress.js
    PROGRESS_FILE = "course-progress-file"  # progress.py; progress-file.js, course.css
    PROGRESS_FILE_STATUS = "course-progress-file__status"  # progress.py; progress-file.js
    REVIEW_CONTROLS = "review-controls"  # review.py; review.js, review.css
    REVIEW_FILTER = "review-filter"  # review.py; review.js, review.css
    REVIEW_FILTER_NOTE = "review-filter-note"  # review.py; review.js, review.css
    REVIEW_MORE = "review-more"  # review.py; review.js, review.css
    REVIEW_FROM = "review-from"  # review.py; review.js, review.css
    REVIEW_COUNT = "review-count"  # review.py; review.js, review.css
    REVIEW_SUMMARY = "review-summary"  # review.py; review.js, review.css
    REVIEW_HIDDEN = "review-hidden"  # review.js; review.css
    CONVERSATION_SAYS = "course-conversation__says"  # conversation_pages.py; conversation.js
    CONVERSATION_LABEL = "course-conversation__label"  # conversation_pages.py; conversation.js
    CONVERSATION_READ = "course-conversation__read"  # conversation_pages.py; conversation.js
    PLAN_STATUS = "course-plan-status"  # notebook.js; notebook.css
    NOTEBOOK_VIEW_EMPTY = "course-notebook-view__text--empty"  # notebook.py, notebook.js; notebook.css
    QUIZ_TOOLBAR = "quiz-toolbar"  # quizzes.py; copy-link.js, course.css
    QUIZ_HEADER_LINK = "quiz-header-link"  # quizzes.py; copy-link.js, course.css
    COPY_LINK = "copy-link"  # copy-link.js, quizzes.py; notebook.js (left out of text), course.css


class Assets:
    """Files the scripts load themselves."""
    VERSIONS = "../versions.json"  # mike, beside the versions; versions.js (from the site's root)


class Scripts:
    """The scripts' paths in the site, for the Python that writes their tags, in this order
    (each needs the ones before it). Not written into contract.js: a packaged copy keeps
    every file a loaded script names (courseware.html.asset_names.needed), so naming them there
    would ship their plain, unhashed twins too."""
    CONTRACT = "assets/javascripts/contract.js"  # mkdocs.yml (first extra_javascript), scorm.py; every script
    QUESTION_CODES = "assets/quiz/question-codes.js"  # progress.py writes it and its tag; store.js
    STORE = "assets/javascripts/store.js"  # progress.py, scorm.py; every script that reads saved data
    PROGRESS_MAP = "assets/quiz/progress-map.js"  # progress.py writes it and its tag; progress.js


# What window.courseContract holds, by the name a script reads each group under.
GROUPS = {"storage": Storage, "events": Events, "globals": Globals, "data": Data, "classes": Classes,
          "assets": Assets}
PYTHON_ONLY = {"scripts": Scripts}


def camel(name: str) -> str:
    """'QUIZ_PAGE_PROGRESS' -> 'quizPageProgress': the name a script reads."""
    first, *rest = name.lower().split("_")
    return first + "".join(word.capitalize() for word in rest)


def names(group: type) -> dict[str, str | int]:
    """A group's names, in the order written: {'QUIZ_IDS': 'data-quiz-ids', ...}."""
    return {key: value for key, value in vars(group).items() if re.fullmatch(r"[A-Z][A-Z0-9_]*", key)}


def for_scripts() -> dict[str, dict[str, str | int]]:
    """What window.courseContract holds: {group: {camelName: value}}."""
    return {group: {camel(key): value for key, value in names(cls).items()} for group, cls in GROUPS.items()}


def script() -> str:
    """docs/assets/javascripts/contract.js as this module makes it."""
    return ("// The names the course's scripts share with its Python, stylesheets and tests.\n"
            "// Written by `python -m courseware.contract` from courseware/contract.py: change them there.\n"
            f"window.{Globals.CONTRACT} = {json.dumps(for_scripts(), indent=2)};\n")


if __name__ == "__main__":  # python -m courseware.contract: rewrite contract.js
    SCRIPT_PATH.write_text(script(), encoding="utf-8")
    sys.stdout.write(f"wrote {SCRIPT_PATH}\n")
