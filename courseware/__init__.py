"""The course's own logic, in plain Python that knows nothing of MkDocs.

Data flows one way: quizzes/ + docs/ -> this package (called by the one engine adapter,
overrides/hooks/course.py, by scripts/ and by the tests) -> mkdocs-quiz -> Material -> site/ ->
release -> dist/. Each module is one concern:

- banks: the question-bank model, read from YAML with source lines, and its checks
- course: how banks meet pages (markers, modules, objectives): the whole-course check
- site: the course's model as one build sees it, every source read and checked once
- quizzes: mkdocs-quiz markup from a bank, stable ids, and the finished quiz HTML
- progress: the map of pages and question ids that the progress page reads
- answer_keys: the printable answer key of a module
- trainer_kit: session plans, agendas, the classroom schedule and workbooks
- glossary: tooltips from the glossary page
- printing: the whole-course print page (the course's own, from every page in nav order) and its PDF
- html_fixes: valid, accessible HTML where the theme's falls short
- release_info: what a release build knows that a working build does not
- csp: the Content-Security-Policy of a built tree
- scorm: SCORM 1.2 and 2004 packages of a built site, and the encoding of saved answers
- question_export: the question banks as Moodle XML and QTI 2.1
- review: the "Review my questions" page: every question a page shows, by module, for spaced review
- notebook: practice activities with a place to write, the action plan and "My notebook"
- contract: every name shared with the browser scripts (storage keys, events, data-*
  attributes, classes, globals, script paths), written for them as contract.js

Every problem in the sources is raised as CourseError with `FILE:LINE: what is wrong`.
"""
from .errors import CourseError, reported_as

__all__ = ["CourseError", "reported_as"]
