"""The course's own logic, in plain Python that knows nothing of MkDocs.

Data flows one way: quizzes/ + docs/ -> this package (called by the one engine adapter,
overrides/hooks/course.py, by scripts/ and by the tests) -> mkdocs-quiz -> Material -> site/ ->
release -> dist/. The package is in layers, one folder each, in the order the data meets
them; each module is one concern. A layer imports only the layers listed for it in LAYERS
(tests/test_courseware.py checks every import), so the arrows point one way:

- model/: the sources, read once with their lines, and their checks. Imports nothing above it.
  errors (CourseError, `FILE:LINE: what is wrong`), yaml_source (every YAML source read with
  its lines, and schema errors), front_matter, text_keys (stable keys from text), banks,
  item_rules, course (banks against pages: the whole-course check), organisation, cast,
  coverage, glossary (the terms), conversations (read and checked), edition, seed_copies;
  schemas/ holds their JSON Schemas.
- pages/: what the build adds to pages, made from the model. Imports the model.
  site (the course as one build sees it: every source read and checked once, then handed to
  every step), quizzes, progress, review, notebook, answer_keys, trainer_kit,
  conversation_pages;
  assets/ holds the quiz feedback script.
- html/: the finished-page pass, on the HTML the engine made. Imports the model, and pages
  for their paths and class names (a page's scripts, the progress widget).
  html_fixes, printing (the print page), page_loading, asset_names, inline_code,
  glossary_first_use.
- release/: dist/ from a built tree. Imports the model and html, never pages: a release
  reads the model and the built site, not how pages were made.
  scorm, question_export, csp, preview, release_info, pdf (the site's archives are still
  written by scripts/release.py); schemas/ holds the vendored ADL, IMS and W3C schemas,
  assets/ the SCORM launcher, its codec and its question-level reports.
- authoring/: for the course's writers, run by scripts/ and the tests, never by the build.
  Imports the model. writing (readability, spelling, copy check), pilot (blind pilot sheets).

Beside the layers sit only this file and `contract` (the names shared with the browser),
which any layer may import and which imports no layer. Nothing in a layer imports the
package itself: `from courseware import CourseError, reported_as` is for adapters, scripts
and tests.

Every problem in the sources is raised as CourseError with `FILE:LINE: what is wrong`.
"""
from .model.errors import CourseError, reported_as

# What each layer may import, besides itself (and the top-level modules in TOP_LEVEL).
LAYERS = {
    "model": set(),
    "pages": {"model"},
    "html": {"model", "pages"},
    "release": {"model", "html"},
    "authoring": {"model"},
}
TOP_LEVEL = {"contract"}  # modules beside the layers, importable by all, importing none

__all__ = ["CourseError", "reported_as"]
