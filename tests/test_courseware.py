"""The course's own logic (courseware/) on its own: no site is built, each test is a
few milliseconds. The engine adapters in overrides/hooks/ are tested through the build."""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from courseware import CourseError, reported_as
from courseware.html import asset_names, glossary_first_use, html_fixes, page_loading, printing
from courseware.model import glossary
from courseware.model.banks import Option
from courseware.model.course import check_course
from courseware.pages import answer_keys, notebook, progress, quizzes, trainer_kit
from courseware.release import csp, pdf, release_info, scorm

BANK = """\
module: 01-demo
questions:
  - id: demo-single
    objective: 1
    page: first-lesson
    type: single
    kind: scenario
    question: Tom asks to swap shifts on a busy Monday. What do you check first?
    options:
      - text: The cover plan for Monday.
        correct: true
        feedback: Right, the queue still needs people on the day.
      - text: Whether Tom is your friend.
        correct: false
        feedback: Friendship must not decide a shift swap.
    explanation: Decide swaps on cover, not on who asks.
  - id: demo-fill
    objective: 1
    page: first-lesson
    type: fill
    kind: recall
    question: Leadership copes with [[change]].
    feedback_right: Right, and management copes with complexity.
    feedback_wrong: Not quite, so think of what Kotter set against complexity.
    explanation: Kotter (1990).
"""
OVERVIEW = """# Demo module

## Learning objectives

1. Decide a shift swap on cover.

## Lessons

| Lesson | What you will do | Time |
|---|---|---|
| [First lesson](first-lesson.md) | Decide | 10 min |
| [Summary](summary.md) | Review | 5 min |
"""


@pytest.fixture
def demo(tmp_path) -> tuple[Path, dict[str, str]]:
    """A one-module course: its root folder and its pages."""
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "quizzes/schema.json").write_text((ROOT / "quizzes/schema.json").read_text())
    (tmp_path / "quizzes/01-demo.yml").write_text(BANK)
    pages = {"modules/01-demo/index.md": OVERVIEW,
             "modules/01-demo/first-lesson.md": "# First lesson\n\n<!-- quiz 01-demo -->\n",
             "modules/01-demo/summary.md": "# Summary\n"}
    return tmp_path, pages


def test_the_package_knows_nothing_of_the_engine():
    modules = sorted((ROOT / "courseware").rglob("*.py"))
    assert any(path.parent.name == "pages" for path in modules)  # the walk reaches the layers' folders
    for path in modules:
        imported = {alias.name.split(".")[0] for node in ast.walk(ast.parse(path.read_text()))
                    if isinstance(node, (ast.Import, ast.ImportFrom))
                    for alias in (node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")])}
        assert not imported & {"mkdocs", "properdocs", "material", "mkdocs_quiz"}, f"{path.name} imports {imported}"


def package_imports(path: Path, package: Path) -> list[tuple[int, str, str]]:
    """(line, what the source says, the courseware module it names) for each import of the
    package in path, relative or absolute, e.g. (12, 'from ..pages import progress', 'pages.progress')."""
    here = list(path.relative_to(package).parent.parts)
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found += [(node.lineno, f"import {a.name}", a.name.partition(".")[2]) for a in node.names
                      if a.name.split(".")[0] == package.name]
        elif isinstance(node, ast.ImportFrom):
            said = f"from {'.' * node.level}{node.module or ''} import {', '.join(a.name for a in node.names)}"
            if node.level:
                parts = here[:len(here) - node.level + 1] + (node.module.split(".") if node.module else [])
            elif (node.module or "").split(".")[0] == package.name:
                parts = node.module.split(".")[1:]
            else:
                continue
            names = [".".join(parts + [a.name]) for a in node.names] if not parts else [".".join(parts)]
            found += [(node.lineno, said, name) for name in names]
    return found


def layer_problems(package: Path) -> list[str]:
    """`FILE:LINE: what is wrong` for each module outside a layer, and each import of a layer
    (or of the package itself) that courseware.LAYERS does not allow."""
    from courseware import LAYERS, TOP_LEVEL
    problems = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package)
        where = f"{package.name}/{rel.as_posix()}"
        if len(rel.parts) == 1:
            if rel.stem not in {"__init__", *TOP_LEVEL}:
                problems.append(f"{where}:1: a module outside the layers {sorted(LAYERS)}: move it into one")
            layer = None
        elif rel.parts[0] in LAYERS:
            layer = rel.parts[0]
        else:
            problems.append(f"{where}:1: {rel.parts[0]}/ is not a layer of the package map (courseware.LAYERS)")
            continue
        for line, said, name in package_imports(path, package):
            target = name.split(".")[0]
            if target in TOP_LEVEL:
                continue
            if layer is None:  # the package's own __init__ re-exports the model's errors; top-level modules import none
                allowed = {"model"} if rel.stem == "__init__" else set()
            else:
                allowed = {layer} | LAYERS[layer]
            if target not in allowed:
                problems.append(f"{where}:{line}: {said}: {layer or rel.stem} may not import "
                                f"{target or 'the package itself'}")
    return problems


def test_each_layer_imports_only_what_the_package_map_allows():
    """The package's docstring (courseware/__init__.py) names the layers and what each may
    import; courseware.LAYERS says the same for this test."""
    assert layer_problems(ROOT / "courseware") == []


def test_the_layer_check_names_a_stray_module_and_a_forbidden_import(tmp_path):
    import shutil
    package = tmp_path / "courseware"
    shutil.copytree(ROOT / "courseware", package, ignore=shutil.ignore_patterns("__pycache__", "schemas", "assets"))
    model = package / "model/banks.py"
    model.write_text(model.read_text() + "from ..pages import progress\n")
    (package / "helpers.py").write_text("from .release import csp\n")
    lines = model.read_text().count("\n")
    assert layer_problems(package) == [
        "courseware/helpers.py:1: a module outside the layers ['authoring', 'html', 'model', 'pages', 'release']: "
        "move it into one",
        "courseware/helpers.py:1: from .release import csp: helpers may not import release",
        f"courseware/model/banks.py:{lines}: from ..pages import progress: model may not import pages",
    ]


def test_hooks_only_adapt():
    """Issue 24: one hook file, the engine adapter, and mkdocs.yml lists it alone. It imports the
    engine, courseware and little else, defines no class, keeps one store of build state, and
    neither writes markup nor patches text: that is courseware's."""
    assert sorted(p.name for p in (ROOT / "overrides/hooks").glob("*.py")) == ["course.py"]
    settings = yaml.compose((ROOT / "mkdocs.yml").read_text())  # nodes: no constructor for !ENV is needed
    hooks = next(value for key, value in settings.value if key.value == "hooks")
    assert [item.value for item in hooks.value] == ["overrides/hooks/course.py"]
    allowed = {"properdocs", "courseware", "mkdocs_quiz", "pathlib", "os", "logging", "__future__"}
    path = ROOT / "overrides/hooks/course.py"
    tree = ast.parse(path.read_text())
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {(node.module or "").split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert imported <= allowed, f"{path.name} imports {imported - allowed}"
    assert not any(isinstance(node, (ast.ClassDef, ast.While)) for node in ast.walk(tree)), path.name
    state = [target.id for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign))
             and isinstance(node.value, (ast.Dict, ast.List, ast.Set, ast.Call))
             for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
             if not (isinstance(node.value, ast.Call) and getattr(node.value.func, "id", "") == "CombinedEvent")
             and target.id != "log"]
    assert state == ["_build"], f"{path.name} keeps build state outside _build: {state}"
    markup = re.compile(r"<[a-z!/]|=\"|\bdata-|\bclass=", re.I)
    docstrings = {id(node.body[0].value) for node in ast.walk(tree) if isinstance(node, (ast.Module, ast.FunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)}
    texts = [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)
             and id(node) not in docstrings]
    assert not [t for t in texts if markup.search(t)], f"{path.name} writes or reads markup: {texts}"
    patches = {"replace", "sub", "subn", "split", "find", "index", "strip", "partition", "format", "search", "match"}
    calls = [node.func.attr for node in ast.walk(tree)
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in patches]
    assert not calls, f"{path.name} patches text itself: {calls}"


def test_no_command_of_the_project_runs_mkdocs_itself():
    """ProperDocs is the engine: no make target, script, test or CI step calls `mkdocs`."""
    files = [ROOT / "Makefile", ROOT / ".ci/run", *(ROOT / "scripts").glob("*.py"), *(ROOT / "tests").glob("*.py")]
    calls = re.compile(r"""(-m["',\s]+mkdocs\b|bin/mkdocs\b|^\s*mkdocs\s+(build|serve|gh-deploy))""", re.M)
    offenders = [f"{f.relative_to(ROOT)}: {m.group(0).strip()}" for f in files for m in calls.finditer(f.read_text())
                 if f.name != "test_courseware.py"]
    assert not offenders, offenders


def test_the_readme_describes_every_test_file():
    """m15 (new-user walk): the README's Tests section named 11 of 16 test files. Each test
    file, and the Node tests' folder, is named there, so a newcomer can find what checks what."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("\n## Tests\n", 1)[1].split("\n## ", 1)[0]
    files = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "tests").glob("test_*.py"))
    missing = [name for name in [*files, "tests/js/"] if f"`{name}" not in section]
    assert not missing, f"README.md's Tests section does not describe: {missing}"


# --- banks and the course check --------------------------------------------------------

def test_a_clean_course_checks_clean(demo):
    root, pages = demo
    course = check_course(root, pages)
    assert course.errors == [] and course.warnings == []
    assert course.page_quiz_ids == {"modules/01-demo/first-lesson.md": ["demo-single", "demo-fill"]}
    assert course.module("01-demo").objectives == 1
    assert course.questions["demo-fill"].blanks == ["change"]


def test_problems_are_all_reported_with_their_lines(demo):
    root, pages = demo
    (root / "quizzes/01-demo.yml").write_text(BANK.replace("correct: true", "correct: false")
                                              .replace("objective: 1\n    page: first-lesson\n    type: fill",
                                                       "objective: 7\n    page: first-lesson\n    type: fill"))
    pages["modules/01-demo/summary.md"] += "\n<!-- quiz 02-none -->\n"
    course = check_course(root, pages)
    assert any(re.match(r"quizzes/01-demo\.yml:9: no correct answer", e) for e in course.errors), course.errors
    assert any(re.match(r"quizzes/01-demo\.yml:17: objective 7 is not defined", e) for e in course.errors)
    assert any(re.match(r"docs/modules/01-demo/summary\.md:3: marker names bank '02-none'", e) for e in course.errors)


def test_option_keys_follow_the_text_not_the_position():
    assert Option("Cover  first.", True, "").key == Option("Cover first.", False, "x").key
    assert Option("Cover first.", True, "").key != Option("Cover second.", True, "").key
    assert re.fullmatch(r"[0-9a-f]{10}", Option("A", True, "").key)


def test_a_question_code_changes_with_what_an_answer_means_and_nothing_else():
    import copy

    from courseware.model import banks

    q = _question("q1", ["Move the break", "Open overflow", "Ask for overtime", "Pull Ruth off email"], [2], 10)
    code = q.code
    assert re.fullmatch(r"[A-Za-z0-9_-]{4}", code)

    reworded = copy.deepcopy(q)
    reworded.question, reworded.explanation = "A new stem?", "A new explanation."
    reworded.options[0].feedback = "Better feedback."
    reworded.options.reverse()  # the page shuffles them anyway
    assert reworded.code == code

    for change in (lambda c: setattr(c.options[0], "text", "Move the late break"),  # an option's words
                   lambda c: setattr(c.options[0], "correct", True),                 # the key
                   lambda c: c.options.append(banks.Option("Wait", False, "No.")),    # one more option
                   lambda c: setattr(c, "type", "multiple")):
        changed = copy.deepcopy(q)
        change(changed)
        assert changed.code != code

    fill = banks.Question(id="f1", bank="01-demo", file="quizzes/01-demo.yml", line=1, objective=1, type="fill",
                          kind="calculation", question="Adherence is [[85]]%.", explanation="E.")
    other = copy.deepcopy(fill)
    other.question = "Tom's adherence is [[85]]% this week."
    assert other.code == fill.code
    other.question = "Adherence is [[80]]%."
    assert other.code != fill.code


# --- quizzes ---------------------------------------------------------------------------

def test_markup_is_what_mkdocs_quiz_reads(demo):
    root, pages = demo
    course = check_course(root, pages)
    single = quizzes.markup(course.questions["demo-single"])
    assert single.splitlines()[:4] == ["<quiz>", "Tom asks to swap shifts on a busy Monday. What do you check first?",
                                       "- [x] The cover plan for Monday.",
                                       "> Right, the queue still needs people on the day."]
    fill = quizzes.markup(course.questions["demo-fill"])
    assert fill == "<quiz>\nLeadership copes with [[change]].\n---\nKotter (1990).\n</quiz>"
    expanded = quizzes.expand_markers(pages["modules/01-demo/first-lesson.md"], "modules/01-demo/first-lesson.md",
                                      course)
    assert expanded.count("<quiz>") == 2


def test_finished_quiz_html_has_stable_ids_and_nothing_a_strict_policy_blocks(demo):
    root, pages = demo
    course = check_course(root, pages)
    q = course.questions["demo-single"]
    html = ('<p>Intro</p><div class="quiz" id="quiz-0"><a href="#quiz-0" class="quiz-header-link">#</a>'
            '<form action="javascript:void(0);" onsubmit="return false;"><fieldset>'
            '<div><input type="radio" name="answer" value="0" id="quiz-0-0" data-correct="true">'
            '<div class="answer-feedback hidden">Right, because</div></div>'
            '<div><input type="radio" name="answer" value="1" id="quiz-0-1"></div></fieldset></form></div>'
            '<div class="quiz quiz-fill-blank" data-quiz-type="fill-blank" id="quiz-1">\n'
            '<a href="#quiz-1" class="quiz-header-link">#</a>\n<div class="quiz-question">\n<p>Copes with '
            '<input type="text" class="quiz-blank-input"></p>\n</div>\n'
            '<form action="javascript:void(0);" onsubmit="return false;">\n<div class="quiz-feedback hidden"></div>'
            '</form><section class="content hidden">Why</section></div>\n'
            '<div id="quiz-progress-sidebar" aria-label="Quiz Progress" style="display: none;"></div>'
            '<nav id="quiz-progress-mobile" style="display: none;"></nav>'
            '<style type="text/css">CSS</style><script type="text/javascript" defer>JS</script>')
    inline = {"css": '<style type="text/css">CSS</style>', "js": '<script type="text/javascript" defer>JS</script>'}
    # Each quiz is given its final ids as mkdocs-quiz makes it (the hook's quiz step).
    html = quizzes.stable_ids(html, ["demo-single", "demo-fill"], course)
    out = quizzes.finish_page(html, "modules/01-demo/first-lesson.md", ["demo-single", "demo-fill"], inline,
                              {"css": "../quiz.css", "js": "../quiz.js"}, scripts="<script src=a.js></script>",
                              panel="<div class=panel></div>")
    assert 'id="demo-single"' in out and 'href="#demo-single"' in out and 'id="demo-fill"' in out
    assert [m for m in re.findall(r'value="([^"]+)"', out)] == [o.key for o in q.options]
    assert csp.unsafe_attributes(out) == []
    assert "quiz-progress" not in out
    assert '<link rel="stylesheet" href="../quiz.css">' in out
    assert '<script src=a.js></script><script src="../quiz.js" defer></script>' in out, "the store comes first"
    assert out.startswith("<p>Intro</p><div class=panel></div><div class=\"quiz\"")
    assert '<div class="quiz-toolbar"><a href="#demo-fill" class="quiz-header-link">Question 2 of 2</a></div>' in out
    # Search leaves out what names the right answer: option feedback and the explanation.
    assert '<div class="answer-feedback hidden" data-search-exclude>Right, because' in out
    assert '<section class="content hidden" data-search-exclude>Why' in out
    # Enter in a fill-in-the-blank box submits: the box is inside the form.
    assert re.search(r'<form>\s*<div class="quiz-question">.*quiz-blank-input.*</div>\s*<div class="quiz-feedback',
                     out, re.S)


def test_quiz_fragments_without_links_are_converted_once_a_build():
    calls = []

    def convert(text, page, *rest, md_inst=None):
        calls.append((text, page))
        return f"<p>{text}@{page}</p>"
    once = quizzes.converted_once(convert)
    assert once("Right, because.", "a/") == once("Right, because.", "b/", md_inst=1) == "<p>Right, because.@a/</p>"
    assert once("See [the lesson](../x.md).", "a/") != once("See [the lesson](../x.md).", "b/"), "links are the page's"
    assert once("<abbr>AHT</abbr>", "a/") != once("<abbr>AHT</abbr>", "b/"), "raw HTML may hold a link"
    assert len(calls) == 5


def test_a_changed_mkdocs_quiz_is_a_clear_error():
    with pytest.raises(CourseError, match=r"docs/x\.md: mkdocs-quiz's inline css and js was not found"):
        quizzes.finish_page("<p>no quiz assets</p>", "x.md", [], {"css": "<style>", "js": "<script>"}, {})


QUIZ_JS = ("<script defer>var maxBadgeLen = 30; localStorage.getItem('k'); "
           "let resetButton = document.createElement(\"button\");\n"
           "function a(form) {\n    const submitButton = form.querySelector('button[type=\"submit\"]');\n}\n"
           "function b(form) {\n    let submitButton = form.querySelector('button[type=\"submit\"]');\n}\n"
           "function save(data) { if (data.length > 50000) { return; } }\n"
           "function load(stored) { if (stored.length > 50000) { localStorage.removeItem('k'); } }\n"
           + "".join(old for old, new, why in quizzes.FEEDBACK_PATCHES) + "</script>")


def test_assets_are_named_by_content_and_quiz_js_uses_the_answer_store():
    files = quizzes.assets("<style>\n  a { color: red; }\n</style>", QUIZ_JS)
    assert all(re.fullmatch(r"quiz\.[0-9a-f]{8}\.(css|js)", name) for name in files)
    css, js = (next(text for name, text in files.items() if name.endswith(kind)) for kind in (".css", ".js"))
    assert css == "a{color:red}", "minified"
    assert "\n    " not in js, "minified"
    assert js.startswith("(function(localStorage){") and "window.courseAnswers.pageStorage" in js
    assert "maxBadgeLen=Infinity" in js and "maxBadgeLen=30" not in js
    assert 'querySelectorAll(".quiz-reset-button").forEach((old)=>old.remove())' in js
    assert js.count("""querySelector('button:not([type="button"]):not([type="reset"])')""") == 2
    assert 'type="submit"' not in js, "the minified page has no type=submit to find"
    assert "50000" not in js, "the course's store caps each answer; quiz.js's page-size guard is off"
    assert "courseQuizFeedback.multipleAnswer(" in js and js.index("var courseQuizFeedback=") < js.index("showFeedback")


def test_a_patch_that_no_longer_applies_stops_the_build():
    with pytest.raises(CourseError, match=r"quiz\.js has changed: the patch for .*cut at 30 characters"):
        quizzes.assets("<style></style>", QUIZ_JS.replace("= 30", "= 40"))


# --- progress and answer keys -----------------------------------------------------------

@pytest.mark.parametrize("target, page, expected", [
    ("modules/01-demo/", "", "modules/01-demo/"),
    ("progress/", "modules/01-demo/first-lesson/", "../../../progress/"),
    ("", "modules/01-demo/first-lesson/", "../../.."),
    ("progress.html", "modules/01-demo/first-lesson.html", "../../progress.html"),
    ("index.html", "index.html", "index.html"),
])
def test_relative_urls_as_the_engine_writes_them(target, page, expected):
    assert progress.relative_url(target, page) == expected


def test_progress_widgets_are_written_in_full(demo):
    root, pages = demo
    course = check_course(root, pages)
    urls = {src: src.replace(".md", "/").replace("index/", "") for src in pages} | {"progress.md": "progress/"}
    home = progress.widget("", course, urls, "")
    assert 'data-quiz-ids="demo-single demo-fill"' in home and 'href="modules/01-demo/" data-progress-next' in home
    assert "You have not answered any of the 2 questions yet." in home
    full = progress.widget("full", course, urls, "progress/")
    assert '<td><a href="../modules/01-demo/first-lesson/">First lesson</a></td><td>0 of 2</td><td>0</td>' in full
    assert "data-progress-reset" in full
    panel = progress.page_panel(["demo-single", "demo-fill"], "../../progress/")
    assert 'data-quiz-ids="demo-single demo-fill"' in panel and "disabled" in panel


def test_progress_map_lists_pages_in_course_order(demo):
    root, pages = demo
    course = check_course(root, pages)
    urls = {src: src.replace(".md", "/") for src in pages}
    data = progress.progress_map(course, urls, "progress/")
    assert data["modules"][0]["pages"] == [{"title": "First lesson", "url": "modules/01-demo/first-lesson/",
                                            "ids": ["demo-single", "demo-fill"]}]
    script = progress.progress_map_js(course, urls, "progress/")
    assert json.loads(script.removeprefix("window.courseProgressMap=").rstrip(";\n")) == data
    codes = progress.question_codes_js(course)
    assert json.loads(codes.removeprefix("window.courseQuestionCodes=").rstrip(";\n")) == \
        {q.id: q.code for q in course.questions.values()}
    assert progress.scripts("modules/01-demo/first-lesson/", "demo", with_map=False).index("question-codes.js") < \
        progress.scripts("modules/01-demo/first-lesson/", "demo", with_map=False).index("store.js")
    assert 'data-module="01-demo"' in progress.expand_markers("<!-- progress 01-demo -->", course, urls,
                                                              "modules/01-demo/")


def test_answer_key_marks_the_right_options(demo):
    root, pages = demo
    course = check_course(root, pages)
    key = answer_keys.answer_key(course.banks["01-demo"], course.module("01-demo"))
    assert "- **Correct:** The cover plan for Monday." in key and "- Wrong: Whether Tom is your friend." in key
    assert "Answer: **change**" in key
    assert "demo-single" not in key and "demo-fill" not in key, "no internal id in a printed key"


# --- trainer kit -------------------------------------------------------------------------

PLAN = """---
session:
  length: 30
  activities:
    - minutes: 10
      activity: Welcome
      kind: plenary
    - minutes: 20
      activity: Role-play
      kind: role-play
---
# Session plan: Demo

<!-- agenda -->
"""


def test_plan_agenda_and_schedule():
    plan = trainer_kit.read_plan("trainers/plans/01-demo.md", PLAN)
    assert trainer_kit.agenda(plan).splitlines()[2:4] == ["| 0:00–0:10 | 10 | Welcome | Whole group |",
                                                          "| 0:10–0:30 | 20 | Role-play | Role-play |"]
    table = trainer_kit.schedule("trainers/schedule.md",
                                 {"schedule": {"start": "09:00", "lunch": 45, "days": [["01-demo", "lunch"]]}},
                                 {"01-demo": plan})
    lines = table.splitlines()
    assert "## Day 1: Demo {#day-1}" in lines and lines[-1] == "</div>"
    assert lines[lines.index("| Time | Activity |") + 2:][:4] == [
        "| **9:00–9:30** | **[Demo](plans/01-demo.md)** |", "| 9:00–9:10 | Welcome |", "| 9:10–9:30 | Role-play |",
        "| 9:30–10:15 | Lunch |"]


@pytest.mark.parametrize("change, message", [
    ("  length: 30", r"docs/trainers/plans/01-demo\.md:3: the activities add up to 30 minutes, not the stated "
                     r"length of 35"),
    ("      kind: plenary", r"docs/trainers/plans/01-demo\.md:7: kind 'lecture' is not one of"),
])
def test_plan_mistakes_name_their_line(change, message):
    broken = PLAN.replace(change, change.replace("30", "35").replace("plenary", "lecture"))
    with pytest.raises(CourseError, match=message):
        trainer_kit.read_plan("trainers/plans/01-demo.md", broken)


def test_workbook_gathers_practice_and_takeaways():
    pages = {"modules/01-demo/index.md": OVERVIEW,
             "modules/01-demo/first-lesson.md": "# First\n\n## Practice: Plan a swap\n\nWrite it. See [x](summary.md)."
                                                "\n\n## Key takeaways\n\n- Cover first.\n",
             "modules/01-demo/summary.md": "# Summary\n\n## This week on the floor\n\n- [ ] Check cover.\n"}
    book = trainer_kit.workbook("01-demo", pages)
    assert "### Practice: Plan a swap" in book and "(../../modules/01-demo/summary.md)" in book
    assert book.count(trainer_kit.WRITING_SPACE) == 2 and book.count(trainer_kit.LONG_WRITING_SPACE) == 1, \
        "a plan gets the long space"


def test_answer_keys_and_session_plans_stay_out_of_learners_search():
    assert not trainer_kit.searchable("trainers/answer-keys/01-demo.md")
    assert not trainer_kit.searchable("trainers/plans/01-demo.md")
    assert not trainer_kit.searchable("trainers/workbooks/01-demo.md")
    assert trainer_kit.searchable("trainers/index.md") and trainer_kit.searchable("modules/01-demo/index.md")


# --- glossary, printing, HTML, releases, policy -----------------------------------------

def test_glossary_tooltips_and_first_use():
    tips = glossary.tooltips("# Glossary\n\n### Average handle time (AHT)\n\nThe mean time. More text.\n\n"
                             "### Queue\n\nContacts waiting.\n")
    assert tips == {"AHT": "The mean time.", "Average handle time": "The mean time.",
                    "average handle time": "The mean time."}
    with pytest.raises(CourseError, match=r"docs/reference/glossary\.md:3: a glossary entry needs"):
        glossary.tooltips("# Glossary\n\n### \n")
    html = '<abbr title="t">AHT</abbr> and <abbr title="t">AHT</abbr>'
    assert glossary_first_use.first_use_only(html) == '<abbr tabindex="0" title="t">AHT</abbr> and AHT'
    # M11 (new-user walk): the first use outside a link or a quiz option's label is the
    # focusable one (a tap or Tab shows it); one inside a control keeps its tooltip only.
    html = ('<p><a href="x"><abbr title="t">AHT</abbr></a>, <label><abbr title="t">AHT</abbr></label>, '
            '<abbr title="t">AHT</abbr>, <abbr title="t">AHT</abbr></p>')
    assert glossary_first_use.first_use_only(html) == ('<p><a href="x"><abbr title="t">AHT</abbr></a>, <label>AHT</label>, '
                                             '<abbr tabindex="0" title="t">AHT</abbr>, AHT</p>')


def test_print_page_shows_quizzes_as_blank_questions():
    quiz = ('<div class="quiz" id="q"><div class="quiz-question">Why?</div><form><fieldset>'
            '<div><input type="radio"><label for="a">Because</label></div></fieldset></form>'
            '<section class="content hidden">The answer</section></div>')
    out = printing.page_for_print(quiz)
    assert out.startswith('<div class="print-question">Why?<ul class="print-question__options"><li>Because</li>')
    assert "The answer" not in out


def whole_course_demo(print_url: str = "print_page/"):
    """A small course as the adapter hands it over: two sections, a page left out, and a
    section whose only page is left out."""
    home = printing.Page("Home", "", '<h1 id="welcome">Welcome</h1><p>Start with <a href="modules/one/#grow">GROW</a>.</p>'
                         '<div class="not-in-print"><h2 id="where">Where you are</h2></div>')
    lesson = printing.Page("One", "modules/one/", (
        '<h1 id="one">One<a class="headerlink" href="#one">&para;</a></h1>'
        '<h2 id="grow">GROW</h2><p>See <a href="../../reference/glossary/#aht" title="AHT">AHT</a>, '
        '<a href="../../trainers/plans/one/">the plan</a>, <a href="../../progress/">your progress</a>, '
        '<a href="https://example.org/x" title="Out">a source</a> and <a href="#nowhere">a dead end</a>.</p>'
        '<p><img src="../../assets/images/floor.png" alt="The floor"> <a href="../../assets/sheet.pdf">sheet</a></p>'
        '<div class="tabbed-set"><input id="__tabbed_1_1" name="__tabbed_1" type="radio" checked>'
        '<label for="__tabbed_1_1">Tab</label></div>'
        '<section id="node" aria-labelledby="node-label"><h3 id="node-label">Step</h3></section>'
        '<div class="quiz-page-progress"><div>0 of 1</div></div><div class="course-progress" data-module="x"></div>'
        '<script>window.mkdocsQuizConfig = {};</script><script src="../../assets/quiz/quiz.1.js" defer></script>'
        '<link rel="stylesheet" href="../../assets/quiz/quiz.1.css"><br/>'))
    glossary = printing.Page("Glossary & terms", "reference/glossary/", '<h2 id="aht">AHT</h2><p>Average handle time.</p>')
    nav = [printing.Section("Home", (home,)),
           printing.Section("Module one", (lesson,)),
           printing.Section("Reference", (glossary,)),
           printing.Section("Trainers", (printing.Section("Plans", ()),))]
    return printing.whole_course(nav, print_url, printing.cover_page("A course"))


def test_the_print_page_has_each_page_once_in_order_under_its_section():
    html, contents = whole_course_demo()
    parts = re.findall(r'<section class="print-(section|page)" id="([^"]+)">', html)
    assert parts == [("section", "section-home"), ("page", "index"), ("section", "section-module-one"),
                     ("page", "modules-one"), ("section", "section-reference"), ("page", "reference-glossary")]
    assert html.startswith('<div id="print-course"><section id="print-cover" class="print-cover"><h1>A course</h1>'
                           '</section><nav id="print-contents" aria-labelledby="print-contents-title">'
                           '<h1 id="print-contents-title">Table of Contents</h1><ul><li><a href="#section-home">Home</a>')
    assert "Trainers" not in html and "Plans" not in html, "a section with nothing printed leaves no title"
    assert '<section class="print-page" id="reference-glossary"><h1>Glossary &amp; terms</h1><h2 id="reference-glossary-aht">' \
        in html, "a page without its own title gets one"
    assert [(e.title, e.id, [(c.title, c.id) for c in e.children]) for e in contents] == [
        ("Home", "section-home", [("Home", "index")]), ("Module one", "section-module-one", [("One", "modules-one")]),
        ("Reference", "section-reference", [("Glossary &amp; terms", "reference-glossary")])]
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    listed = re.findall(r'href="#([^"]+)"', html.split('<nav id="print-contents"', 1)[1].split("</nav>", 1)[0])
    assert len(listed) == 6 and set(listed) <= set(ids), "every contents link leads somewhere"


def test_the_print_page_links_within_itself():
    html, _ = whole_course_demo()
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    assert 'Start with <a href="#modules-one-grow">GROW</a>.' in html, "another page's heading"
    assert '<a href="#reference-glossary-aht" title="AHT">AHT</a>' in html, "with its other attributes"
    assert '<a class="headerlink" href="#modules-one-one">&para;</a>' in html, "a heading's own link"
    assert "the plan, your progress," in html, "a page left out: its words, not a link to nowhere"
    assert '<a href="https://example.org/x" title="Out">a source</a>' in html, "another site's address stays"
    assert " and a dead end.</p>" in html
    assert '<img src="../assets/images/floor.png" alt="The floor"> <a href="../assets/sheet.pdf">sheet</a>' in html
    assert ('<input id="modules-one-__tabbed_1_1" name="modules-one-__tabbed_1" type="radio" checked>'
            '<label for="modules-one-__tabbed_1_1">') in html, "a tab set keeps its own label and group"
    assert '<section id="modules-one-node" aria-labelledby="modules-one-node-label">' in html
    assert all(target[1:] in ids for target in re.findall(r'href="(#[^"]*)"', html))
    offline, _ = whole_course_demo("print_page.html")
    assert '<img src="assets/images/floor.png"' in offline


def test_the_print_page_leaves_out_scripts_widgets_and_what_is_on_screen_only():
    html, _ = whole_course_demo()
    assert "<script" not in html and "<link" not in html, "no page's behaviour, and no inline code (CSP)"
    assert "0 of 1" not in html and "course-progress" not in html, "no progress widget"
    assert "Where you are" not in html and 'id="index-where"' not in html
    assert '<br/></section>' in html, "everything else byte for byte"


def test_the_print_page_refuses_an_id_twice():
    """Each id gets its page's prefix, so only a page whose address is another page's plus a
    heading could clash: the build stops, rather than a link landing in the wrong place."""
    first = printing.Page("A", "a/", '<h1 id="b-c">A</h1>')
    second = printing.Page("A B", "a/b/", '<h1 id="c">B</h1>')
    with pytest.raises(ValueError, match="'a-b-c' twice, from a/ and from a/b/"):
        printing.whole_course([first, second], "print_page/")


def test_pages_are_printed_but_for_the_tools_and_the_trainers_section():
    assert printing.printed("modules/01-foundations/summary.md") and printing.printed("index.md")
    assert not any(map(printing.printed, ["progress.md", "notebook.md", "trainers/plans/01-foundations.md"]))
    assert printing.part_id("modules/01-foundations/index.html") == printing.part_id("modules/01-foundations/")
    assert printing.part_id("") == printing.part_id("index.html") == "index"


def test_html_fixes_make_the_theme_valid():
    page = ('<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
            '<input type="text" autocomplete="off"><label class="x" for="__nav_1" tabindex="">N</label>'
            '<input type="checkbox" id="__nav_1"><label for="__toc">T</label>'
            '<div class="md-search" data-md-component="search" role="dialog">')
    out = html_fixes.valid_page(page)
    assert out.count('autocomplete="off"') == 1 and 'tabindex=""' not in out
    assert '<label class="x" for="__nav_1">' in out and "<label>T</label>" in out
    assert 'role="dialog" aria-label="Search this course">' in out
    assert html_fixes.name_task_boxes('<input type="checkbox" disabled checked/>') == \
        '<input type="checkbox" disabled checked aria-label="Done">'


def test_wide_tables_stack_on_a_phone():
    wide = ("<table>\n<thead>\n<tr>\n<th>A</th>\n<th>B <em>b</em></th>\n<th>C</th>\n<th>D&amp;E</th>\n</tr>\n"
            "</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n<td>3</td>\n<td>4</td>\n</tr>\n</tbody>\n</table>")
    narrow = "<table>\n<thead>\n<tr>\n<th>A</th>\n<th>B</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n</tr>\n</tbody>\n</table>"
    out = html_fixes.stack_wide_tables(wide + narrow)
    assert out.count("data-stack") == 1 and "role=" not in out
    assert re.findall(r'data-label="([^"]*)"', out) == ["A", "B b", "C", "D&amp;E"]
    assert narrow in out


def test_a_stacked_row_with_attributes_and_a_row_header_names_every_cell():
    """M6 (new-user walk): the course record's rows carry their question ids and start with
    the module as a row header, so its cards showed numbers without their column names."""
    record = ('<table><caption>By module</caption><thead><tr><th scope="col">Module</th><th scope="col">Answered</th>'
              '<th scope="col">Correct</th><th scope="col">Notebook entries</th></tr></thead><tbody>'
              '<tr data-quiz-ids="a b"><th scope="row"><a href="m/">M</a></th><td data-answered>0 of 2</td>'
              '<td data-correct>0</td><td data-notebook>0</td></tr></tbody></table>')
    out = html_fixes.stack_wide_tables(record)
    assert '<th scope="row" data-label="Module">' in out and "<thead><tr><th scope=\"col\">Module</th>" in out
    assert re.findall(r'data-label="([^"]*)"', out) == ["Module", "Answered", "Correct", "Notebook entries"]


def test_release_settings():
    plain = release_info.release_settings({}, offline=False)
    assert plain.release is None and plain.scripts == [] and plain.polyfills == []
    web = release_info.release_settings({"COURSE_VERSION": "1.2.0", "COURSE_RELEASE_DATE": "2026-11-24"}, False)
    assert web.release == {"version": "1.2.0", "date": "2026-11-24"} and web.version_selector["provider"] == "mike"
    offline = release_info.release_settings({"COURSE_VERSION": "1.2.0"}, True)
    assert offline.version_selector is None and offline.polyfills == [release_info.SHIM]
    assert offline.homepage == "index.html", "on file:// the logo names the home page, not its folder"
    assert offline.features_off == ["navigation.instant"]


def test_lms_tree_is_the_offline_build_without_canonical_links_and_with_outside_links_in_a_new_window(tmp_path):
    offline = tmp_path / "offline"
    (offline / "a").mkdir(parents=True)
    (offline / "a/index.html").write_text('<!doctype html><html><head><meta charset=utf-8><link href=https://x.example/a/ '
                                          'rel=canonical><script>a()</script></head><body><a href=https://gov.uk>GOV.UK'
                                          '</a> <a href=../b/index.html>next</a> <a href=https://y.example target=_top>y</a>'
                                          '<link rel=stylesheet href=style.css></body></html>')
    (offline / "a/style.css").write_text("a{}")
    release_info.lms_tree(offline, tmp_path / "lms")
    page = (tmp_path / "lms/a/index.html").read_text()
    assert "canonical" not in page and '<a target="_blank" rel="noopener" href=https://gov.uk>' in page
    # No server sends the package a policy, so the page carries it, the theme's script by hash.
    assert page.startswith('<!doctype html><html><head><meta charset=utf-8><meta http-equiv="Content-Security-Policy" '
                           f'content="default-src \'self\'; script-src \'self\' {csp.sha256("a()")};')
    assert "<a href=../b/index.html>" in page and page.count("target=") == 2, "own pages and set targets stay"
    assert (tmp_path / "lms/a/style.css").read_text() == "a{}"
    (offline / "a/style.css.map").write_text("{}")  # m21: what no page loads stays out
    release_info.lms_tree(offline, tmp_path / "lms2")
    assert not (tmp_path / "lms2/a/style.css.map").exists() and (tmp_path / "lms2/a/style.css").exists()
    assert "canonical" in (offline / "a/index.html").read_text(), "the offline build itself is left as it was"


def test_assets_get_content_hashed_names_and_pages_point_at_them():
    name = asset_names.hashed_name("assets/javascripts/answers.js", b"x")
    assert re.fullmatch(r"assets/javascripts/answers\.[0-9a-f]{8}\.js", name)
    assert name != asset_names.hashed_name("assets/javascripts/answers.js", b"y")
    assert asset_names.wants_hash("assets/stylesheets/course.css") and asset_names.wants_hash("assets/images/favicon.png")
    assert not asset_names.wants_hash("assets/javascripts/bundle.a5f9d56c.min.js"), "already hashed"
    assert not asset_names.wants_hash("search/search_index.json") and not asset_names.wants_hash("css/print-site.css")
    assert asset_names.minified("a.js", b"// why\nvar  a = 1;\n") == b"var a=1;"
    assert asset_names.minified("a.css", b"/* why */\np {\n  color: red;\n}\n") == b"p{color:red}"
    assert asset_names.minified("a.png", b"\x89PNG  x") == b"\x89PNG  x"
    names = {"assets/javascripts/answers.js": "assets/javascripts/answers.1234abcd.js"}
    page = ('<script src="../../assets/javascripts/answers.js" defer></script><a href="../../assets/javascripts/'
            'answers.js#x">s</a><script src="https://cdn.example/assets/javascripts/answers.js"></script>'
            '<script src="assets/javascripts/answers.js"></script>')
    out = asset_names.with_hashed_references(page, "modules/x/", names)
    assert out.count("answers.1234abcd.js") == 2 and 'answers.1234abcd.js#x"' in out
    assert "https://cdn.example/assets/javascripts/answers.js" in out, "another site's file is not ours"
    assert '<script src="assets/javascripts/answers.js">' in out, "a path that is not the file stays"
    home = asset_names.with_hashed_references('<script src="/training/assets/javascripts/answers.js">', "", names,
                                              "/training/")
    assert home == '<script src="/training/assets/javascripts/answers.1234abcd.js">'
    assert asset_names.site_path("https://intranet.example/learn/course") == "/learn/course/"
    assert asset_names.site_path("http://127.0.0.1:8000") == "/"
    # An empty SITE_URL (once exported by the Makefile for every target) moved the site to "/".
    for nothing in ("", None):
        with pytest.raises(CourseError, match="site_url is empty"):
            asset_names.site_path(nothing)
    assert asset_names.with_hashed_references('<script src="assets/javascripts/answers.js">', "index.html", names) \
        == '<script src="assets/javascripts/answers.1234abcd.js">', "file:// pages (x.html) resolve from their folder"


def test_pages_prefetch_only_the_lesson_assets_they_do_not_load():
    page = '<html><body><script src="../assets/javascripts/store.js" defer></script></body></html>'
    out = page_loading.with_prefetch(page, "progress/", ["assets/quiz/quiz.1234abcd.js"])
    links = re.findall(r'<link rel="prefetch" href="([^"]+)">', out)
    assert links == ["../assets/quiz/quiz.1234abcd.js", "../assets/quiz/question-codes.js",
                     "../assets/javascripts/progress.js", "../assets/javascripts/notebook.js"]
    assert out.index("prefetch") > out.index("store.js") and out.endswith("</body></html>")
    assert page_loading.with_prefetch("<p>fragment</p>", "", []) == "<p>fragment</p>", "no body, nothing to add to"


def test_a_page_loads_the_browser_store_once_before_the_notebook():
    """store.js holds answers and notebook: a lesson whose quizzes load it does not load it again."""
    lesson = progress.scripts("modules/01-demo/first-lesson/", "demo", with_map=False)
    both = lesson + notebook.scripts("modules/01-demo/first-lesson/", "demo", lesson)
    assert both.count("store.js") == 1 and both.index("store.js") < both.index("notebook.js")
    alone = notebook.scripts("notebook/", "demo")
    assert alone.index('<script src="../assets/javascripts/store.js" data-course="demo" defer>') \
        < alone.index("notebook.js"), "a page without quizzes loads the store itself"


def test_the_scorm_codec_examples_are_what_the_python_encoder_writes():
    """tests/js/scorm-codec.test.mjs checks the launcher's codec against this file."""
    import scorm_examples
    assert scorm_examples.FILE.read_text() == scorm_examples.text(), \
        "run: PYTHONPATH=. .venv/bin/python tests/scorm_examples.py > tests/data/scorm-suspend-examples.json"


def test_the_python_encoder_and_the_worst_case_agree(demo):
    root, pages = demo
    table = scorm.question_table(check_course(root, pages))
    answers = {q["id"]: {"answered": True, "correct": True, "code": q["code"], "at": 1795132800000, "reviews": 3,
                         "selectedValues": q["answers"] if q["type"] == "fill" else q["options"]} for q in table}
    data = scorm.encode_suspend_data(table, answers)
    assert data.count(".") == len(table) and len(data) == scorm.worst_case_suspend_length(table)
    assert scorm.encode_suspend_data(table, {}) == scorm.FORMAT


def test_the_scorm_launcher_loads_the_sites_store_by_its_hashed_name():
    site = {"assets/javascripts/store.js": b"", "assets/javascripts/store.1234abcd.js": b"", "index.html": b""}
    assert scorm.site_script(site, scorm.STORE_SCRIPT) == "assets/javascripts/store.1234abcd.js"
    assert scorm.site_script({"assets/javascripts/store.js": b""}, scorm.STORE_SCRIPT) == "assets/javascripts/store.js"
    with pytest.raises(CourseError, match="0 copies of assets/javascripts/store.js"):
        scorm.site_script({"index.html": b""}, scorm.STORE_SCRIPT)
    page = scorm.launcher_html("Course", "assets/javascripts/store.1234abcd.js", "demo",
                               "assets/javascripts/contract.5678abcd.js")
    order = [page.index(name) for name in ("contract.5678abcd.js", "questions.js", "codec.js",
                                           'store.1234abcd.js" data-course="demo"', "launch.js")]
    assert order == sorted(order), "the contract, the table and the codec, then the store, then the launcher"


def test_stylesheets_in_the_body_move_to_the_head():
    page = ('<html><head><link rel="stylesheet" href="a.css"></head><body><p>x</p>'
            '<link rel="stylesheet" href="quiz.css"><div><link rel="stylesheet" href="review.css"></div>'
            '<link rel="stylesheet" href="quiz.css"></body></html>')
    out = page_loading.stylesheets_in_head(page)
    assert out == ('<html><head><link rel="stylesheet" href="a.css"><link rel="stylesheet" href="quiz.css">'
                   '<link rel="stylesheet" href="review.css"></head><body><p>x</p><div></div></body></html>')
    assert page_loading.stylesheets_in_head("<p>a fragment</p>") == "<p>a fragment</p>"


def test_policy_allows_inline_code_by_hash_only():
    pages = ["<script>a()</script><script type=application/json>{}</script><style>p{}</style>"]
    policy = csp.policy(pages)
    assert "'unsafe-inline'" not in policy and "'unsafe-hashes'" not in policy
    assert policy.count("'sha256-") == 2 and csp.sha256("a()") in policy and csp.sha256("p{}") in policy
    assert csp.unsafe_attributes('<div style="x"><button onclick="y()"><a href="javascript:z()">') == \
        ["style", "onclick", "javascript:"]


def test_a_page_without_a_server_carries_its_policy_in_a_meta_element():
    """DEF-6: the SCORM packages get no header from us, so each page carries the policy, after
    the charset declaration (which must stay in the first 1024 bytes) and before any script."""
    page = ('<!doctype html>\n<html lang=en>\n<head>\n<meta charset=utf-8>\n<script>a()</script>\n<title>T</title>'
            '</head>\n<body><p>x</p></body></html>')
    policy = csp.meta_policy([page])
    assert "frame-ancestors" not in policy and csp.sha256("a()") in policy and "'unsafe-inline'" not in policy
    out = csp.with_meta_policy(page, policy)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    assert out == page.replace("<meta charset=utf-8>", "<meta charset=utf-8>" + meta)
    assert csp.with_meta_policy("<html><head ><title>T</title></head></html>", "default-src 'self'") == \
        """<html><head ><meta http-equiv="Content-Security-Policy" content="default-src 'self'"><title>T</title></head></html>"""
    with pytest.raises(ValueError, match="no <head>"):
        csp.with_meta_policy("<p>a fragment</p>", policy)


def test_errors_reach_the_engine_as_its_own_type():
    class EngineError(Exception):
        pass

    with pytest.raises(EngineError, match="^docs/a.md:1: wrong$"):
        with reported_as(EngineError):
            raise CourseError("docs/a.md:1: wrong")


def test_no_pdf_without_chromium(tmp_path):
    page = tmp_path / "print_page.html"
    page.write_text("<h1>Course</h1>")
    assert pdf.print_to_pdf(page, tmp_path / "course.pdf", 0, chromium=str(tmp_path / "no-chromium")) is False
    assert not (tmp_path / "course.pdf").exists()


def test_quizzes_go_in_place_in_one_pass():
    page = ("<p>a</p><!-- MKDOCS_QUIZ_PLACEHOLDER_0 --><p>b</p><!-- MKDOCS_QUIZ_PLACEHOLDER_1 -->"
            "<!-- MKDOCS_QUIZ_PLACEHOLDER_7 -->")
    sources = {"<!-- MKDOCS_QUIZ_PLACEHOLDER_0 -->": "<quiz>\nFirst?\n</quiz>",
               "<!-- MKDOCS_QUIZ_PLACEHOLDER_1 -->": "<quiz>Second?</quiz>"}
    made = []

    def make(inner, number):
        made.append(number)
        return f"<div>{number}:{inner.strip()}</div>"
    out = quizzes.quizzes_in_place(page, sources, make)
    assert out == "<p>a</p><div>0:First?</div><p>b</p><div>1:Second?</div><!-- MKDOCS_QUIZ_PLACEHOLDER_7 -->"
    assert made == [0, 1], "in page order, and a placeholder with no quiz is left as it is"
    with_source = quizzes.quizzes_in_place(page, sources, make, with_source=True)
    assert with_source.startswith("<p>a</p><!-- mkdocs-quiz-source\n<quiz>\nFirst?\n</quiz>\n-->\n<div>0:First?</div>")


def test_pdf_is_the_same_however_busy_the_machine_was():
    # Two prints of one page: the second had its DOM node numbers shifted by two.
    def printed(shift, when):
        return (f"<</CreationDate (D:{when}+00'00')>> /ID (node{902 + shift:08d}) "
                f"/ID (node{61 + shift:08d}) /Names [(node{61 + shift:08d}) 9 0 R (node{902 + shift:08d}) 8 0 R]").encode()
    quiet, busy = printed(0, "20261124101500"), printed(2, "20261124101733")
    epoch = 1763856000  # 2025-11-23
    out = pdf.reproducible_pdf(busy, epoch)
    assert out == pdf.reproducible_pdf(quiet, epoch)
    assert len(out) == len(busy), "offsets in the cross-reference table still hold"
    assert b"(D:20251123000000+00'00')" in out
    assert b"/ID (node00000002) /ID (node00000001) /Names [(node00000001) 9 0 R (node00000002) 8 0 R]" in out


def test_the_whole_course_cover():
    """m12 (new-user walk): the print page, and so the PDF, opens with a cover: title, what
    it is, version and date for a release, the organisation's name when set; each as text."""
    cover = printing.cover_page("Leading a team", "A course.", "1.1.0", "2025-11-23", "Smith & Sons <Energy>")
    assert cover == ('<section id="print-cover" class="print-cover"><h1>Leading a team</h1>'
                     '<p class="print-cover__about">A course.</p>'
                     '<p class="print-cover__release">Version 1.1.0, released 23 November 2025</p>'
                     '<p class="print-cover__organisation">Smith &amp; Sons &lt;Energy&gt;</p></section>')
    working = printing.cover_page("Leading a team")
    assert working == '<section id="print-cover" class="print-cover"><h1>Leading a team</h1></section>'
    html, _ = printing.whole_course([], "print_page/", working)
    assert html.startswith('<div id="print-course">' + working + '<nav id="print-contents"'), "the cover comes first"
    assert printing.long_date("2026-01-05") == "5 January 2026" and printing.long_date("soon") == "soon"


# --- the cast --------------------------------------------------------------------------------

def test_cast_checks_pronouns_tenure_and_the_closest_friend():
    from courseware.model import cast

    team = cast.load(ROOT / "docs")
    text = ("Ask Wei if she can take the call.\n\nWei, who joined three weeks ago, asks for help.\n\n"
            "Kofi was your closest friend on the floor.\n\nMegan says he did.\n\nShe moves Kofi's start time.\n\n"
            "Introduce her to Marcus and ask if she can sit in.\n\nRuth has been on the team for ten years.\n")
    found = cast.problems(text, "docs/x.md", team)
    assert found == [
        "docs/x.md:1: 'she' for Wei, who is he/him in docs/reference/team.yml",
        "docs/x.md:3: 'Wei, who joined three weeks ago' but Wei has been in the job 13 months "
        "(docs/reference/team.yml)",
        "docs/x.md:5: 'Kofi' called your closest friend, but that is Megan (docs/reference/team.yml)",
    ], found


def test_team_page_lists_the_cast():
    from courseware.model import cast

    page = cast.team_page(cast.load(ROOT / "docs"))
    assert page.startswith("# Who's who at Brightwater")
    assert "| Wei (he/him) | Agent, payment plans | 13 months |" in page
    assert "| Ruth (she/her) | Agent, billing and web chat | 10 years |" in page


TEAM = """company:
  name: Brightwater Utilities
  description: A supplier.
you:
  role: Team leader
  background: Promoted.
people:
  - name: Tom
    pronouns: he/him
    role: Agent, billing
    tenure_months: 24
    traits: Quick on the phone.
"""


@pytest.mark.parametrize("change, message", [
    (("tenure_months: 24", "tenure_months: two years"),
     r"team\.yml:11: people/0/tenure_months: 'two years' is not of type 'integer'"),
    (("name: Brightwater Utilities\n  description: A supplier.", "A supplier"),
     r"team\.yml:2: company: 'A supplier' is not of type 'object'"),
    (("name: Tom", "name: [Tom, Thomas]"), r"team\.yml:8: people/0/name: \['Tom', 'Thomas'\] is not of type 'string'"),
    (("pronouns: he/him", "pronouns: him"), r"team\.yml:9: people/0/pronouns: 'him' is not one of"),
    ((TEAM, ""), r"team\.yml:1: the file is empty"),
    # T02: a person given as a plain string once gave "(unknown:  , J, a, e, m, n, s, t, u)".
    (("  - name: Tom\n    pronouns: he/him\n    role: Agent, billing\n    tenure_months: 24\n"
      "    traits: Quick on the phone.\n", "  - Just a name\n"),
     r"team\.yml:8: people/0: 'Just a name' is not of type 'object'"),
    # B18 in a file with accents before the fault: libyaml counts bytes, the line is the character's.
    (("description: A supplier.\nyou:\n  role: Team leader\n  background: Promoted.\npeople:\n  - name: Tom\n"
      "    pronouns: he/him\n    role: Agent, billing\n    tenure_months: 24\n    traits: Quick",
      "description: A supplier in Tŷ Ddewi, Llanelli, Pen-y-bont ar Ogwr, Ynys Môn, Wrexham and Dinbych-y-pysgod: "
      + "é" * 40 + ".\nyou:\n  role: Team leader\n  background: Promoted.\npeople:\n  - name: Tom\n"
      "    pronouns: he/him\n    role: Agent, billing\n    tenure_months: 24\n    traits: \x07Quick"),
     r"team\.yml:12: character U\+0007 is not allowed"),
])
def test_a_malformed_cast_is_a_sentence_at_its_line(tmp_path, change, message):
    from courseware.model import cast

    (tmp_path / "reference").mkdir()
    (tmp_path / "reference/team.yml").write_text(TEAM.replace(*change))
    with pytest.raises(CourseError, match=message):
        cast.load(tmp_path)


def test_the_timeline_catches_someone_who_left_and_a_figure_told_two_ways(tmp_path):
    """Issue 22 §3: Leanne resigned in module 05 and was on the team in 06-08; Priya's
    adherence was 83% in a question and 84% in the role-play after it."""
    from courseware.model import cast

    (tmp_path / "reference").mkdir()
    (tmp_path / "reference/team.yml").write_text(TEAM + """timeline:
  weeks:
    05-building-a-legacy: 9
    06-running-the-floor: 11
  events:
    - week: 9
      what: Tom hands in his notice.
  left:
    - name: Tom
      week: 9
  figures:
    - about: [Tom, adherence]
      value: 84%
""")
    team = cast.load(tmp_path)
    assert cast.problems("Tom hands in his notice.\n", "docs/modules/05-building-a-legacy/x.md", team) == []
    assert cast.problems("Tom asks about his rota.\n", "quizzes/06-running-the-floor.yml", team) == [
        "quizzes/06-running-the-floor.yml:1: Tom left in week 9, but this module's story is in week 11 "
        "(docs/reference/team.yml, timeline)"]
    assert cast.problems("Tom's adherence was 83% last week.\n\nTom's adherence rose from 84% to 88%.\n",
                         "docs/reference/x.md", team) == [
        "docs/reference/x.md:1: '83%' for Tom adherence, but the story's figure is 84% (docs/reference/team.yml, timeline)"]
    assert "| 9 | Tom hands in his notice. |" in cast.team_page(team)
    (tmp_path / "reference/team.yml").write_text(TEAM + "timeline:\n  weeks: {01-foundations: 1}\n  events: []\n"
                                                 "  left:\n    - name: Nobody\n      week: 2\n")
    with pytest.raises(CourseError, match=r"team\.yml:17: Nobody is not in people"):
        cast.load(tmp_path)


def test_a_bar_in_the_cast_stays_inside_its_table_cell(tmp_path):
    import markdown

    from courseware.model import cast

    (tmp_path / "reference").mkdir()
    (tmp_path / "reference/team.yml").write_text(TEAM.replace("Quick on the phone.", "Quick | long holds."))
    page = markdown.markdown(cast.team_page(cast.load(tmp_path)), extensions=["tables"])
    assert "<td>Quick | long holds.</td>" in page


# --- item-writing rules ----------------------------------------------------------------------

def _question(qid: str, texts: list[str], correct: list[int], line: int) -> "banks.Question":
    from courseware.model import banks

    return banks.Question(id=qid, bank="01-demo", file="quizzes/01-demo.yml", line=line, objective=1,
                          type="multiple" if len(correct) > 1 else "single", kind="scenario", question="Q?",
                          explanation="E.", options=[banks.Option(t, i in correct, "Because.", line + 2 + i)
                                                     for i, t in enumerate(texts)])


def test_item_rules_report_each_way_a_key_gives_itself_away():
    from courseware.model import banks, item_rules

    same = ["Check the cover plan", "Ask who is free", "Phone Nadia now", "Wait and see"]
    bank = banks.Bank("01-demo", "quizzes/01-demo.yml", line=3)
    for n in range(5):  # the key always first and always longest
        bank.questions[f"q{n}"] = _question(f"q{n}", ["Check the cover plan with Nadia first"] + same[1:], [0], 10 * n)
    bank.questions["m1"] = _question("m1", same, [0, 1], 60)
    bank.questions["m2"] = _question("m2", same, [1, 2], 70)
    bank.questions["m3"] = _question("m3", same + ["None of the above"], [2, 3], 80)
    found = item_rules.check(bank)
    assert any(f.startswith("quizzes/01-demo.yml:2: the correct option is 2.") for f in found), found
    assert any("'None of the above' is not an option" in f and f.startswith("quizzes/01-demo.yml:86:") for f in found)
    assert any(f.startswith("quizzes/01-demo.yml:3: ") and "are option 1 (limit 40%)" in f for f in found)
    assert any("the correct option is the longest in 5 of 5 single-answer questions" in f for f in found)
    assert any("3 of 3 multiple-answer questions have exactly 2 correct options" in f for f in found)


def test_item_rules_pass_a_fair_bank():
    from courseware.model import banks, item_rules

    texts = ["Check the cover plan", "Ask who is free now", "Phone Nadia straight away", "Wait for the peak"]
    bank = banks.Bank("01-demo", "quizzes/01-demo.yml", line=3)
    for n, key in enumerate([0, 1, 2, 3, 0, 1, 2, 3]):
        bank.questions[f"q{n}"] = _question(f"q{n}", texts, [key], 10 * n)
    for n, keys in enumerate([[0, 1], [1, 2, 3], [0, 2, 3, 1]]):
        bank.questions[f"m{n}"] = _question(f"m{n}", texts, keys, 100 + 10 * n)
    for q in list(bank.questions.values())[:3]:
        q.kind = "calculation"
    assert item_rules.check(bank) == []


def _wording_bank(key_texts: list[str], distractor_texts: list[str]) -> "banks.Bank":
    """Eight single-answer questions, the key in a different place each time."""
    from courseware.model import banks

    bank = banks.Bank("01-foundations", "quizzes/01-foundations.yml", line=3)
    for n in range(8):
        texts = list(distractor_texts)
        texts.insert(n % 4, key_texts[n % len(key_texts)])
        bank.questions[f"q{n}"] = _question(f"q{n}", texts, [n % 4], 10 * (n + 1))
    return bank


def test_item_rules_report_words_that_sit_on_one_side():
    from courseware.model import item_rules

    careful = _wording_bank(["Ask Tom what happened in the meeting", "Check the notes with Nadia today"],
                            ["Send Tom the notes on the meeting", "Move the break to half past two",
                             "Tell the team about the new rota"])
    found = item_rules.check(careful)
    assert any(f.startswith("quizzes/01-foundations.yml:3: hedging and procedure words sit mostly in keys: 8 of 8 "
                            "correct options (100%) against 0 of 24 distractors (0%)") for f in found), found

    extreme = _wording_bank(["Send Tom the notes on the meeting", "Move the break to half past two"],
                            ["Always tell the team about the rota", "Move the break at once, never later",
                             "Phone Nadia about the cover plan"])
    found = item_rules.check(extreme)
    assert any("absolute words sit mostly in distractors: 0 of 8 correct options (0%) against 16 of 24" in f
               and f.endswith("(lines 13, 14, 22, 24, 32, 33, 42, 43, 53, 54, 62, 64, 72, 73, 82, 83)")
               for f in found), found


def test_item_rules_flag_a_key_that_alone_gives_a_reason_or_a_next_step():
    from courseware.model import banks, item_rules

    reason = _question("q1", ["Tell Tom, because the rota changed", "Tell Tom about the rota change",
                              "Email Tom the new rota for May", "Show Tom the rota on the board"], [0], 40)
    step = _question("q2", ["Move the break to two o'clock", "Move the break, then review it",
                            "Cancel the break for today", "Shorten the break to ten minutes"], [1], 60)
    fair = _question("q3", ["Tell Tom, because the rota changed", "Email Tom, since he is off today",
                            "Show Tom the rota on the board", "Text Tom the new rota for May"], [0], 80)
    found = [p for q in (reason, step, fair) for p in item_rules.question_problems(q)]
    assert found[0].startswith("quizzes/01-demo.yml:42: only the correct option has a reason clause ('because')")
    assert found[1].startswith("quizzes/01-demo.yml:63: only the correct option has a follow-up step ('then')")
    assert len(found) == 2, found
    assert isinstance(fair, banks.Question)


def test_item_rules_flag_an_order_the_distractors_converge_on():
    from courseware.model import item_rules

    # 1, 2, 3, 4 shares two places with each distractor; the distractors share less with each other.
    converging = _question("q1", ["1, 2, 3, 4", "2, 1, 3, 4", "1, 2, 4, 3", "3, 2, 1, 4"], [0], 40)
    assert item_rules.convergence_problems(converging) == [
        "quizzes/01-demo.yml:42: the correct order is the one the other options agree with most, place by place, so "
        "a reader can pick it without the question: build the distractors around another order"]
    elsewhere = _question("q2", ["1, 2, 3, 4", "2, 1, 3, 4", "1, 2, 4, 3", "3, 2, 1, 4"], [3], 60)
    assert item_rules.convergence_problems(elsewhere) == []
    words = _question("q3", ["Listen first", "Check first", "Ask first", "Write first"], [0], 80)
    assert item_rules.convergence_problems(words) == []
    # Tied at the top with one other order is still a better-than-chance guess; all four tied is not.
    tied = _question("q4", ["1, 2, 3", "1, 3, 2", "2, 1, 3", "3, 2, 1"], [0], 100)
    assert "is one of the 2 the other options agree with most" in item_rules.convergence_problems(tied)[0] \
        or "is the one the other options" in item_rules.convergence_problems(tied)[0]
    even = _question("q5", ["1, 2", "2, 1", "1, 2, 3", "3, 2, 1"], [3], 120)
    assert item_rules.convergence_problems(even) == [] or even.options[3].correct


def test_item_rules_limit_recall_and_ask_for_calculations_where_the_module_has_figures():
    from courseware.model import banks, item_rules

    bank = banks.Bank("06-running-the-floor", "quizzes/06-running-the-floor.yml", line=3)
    texts = ["Check the cover plan", "Ask who is free now", "Phone Nadia straight away", "Wait for the peak"]
    for n in range(10):
        bank.questions[f"q{n}"] = _question(f"q{n}", texts, [n % 4], 10 * (n + 1))
    for q in list(bank.questions.values())[:2]:
        q.kind = "recall"
    for q in list(bank.questions.values())[2:9]:
        q.kind = "calculation"
    found = item_rules.kind_problems(bank)
    assert found == [
        "quizzes/06-running-the-floor.yml:3: 2 of 10 questions are recall (20%, limit 10%): set the rest in a "
        "situation the learner must judge (line 10, line 20)",
        "quizzes/06-running-the-floor.yml:3: 7 calculation questions, fewer than the 8 this module needs: where the "
        "job works out a figure or a date, ask the learner to work it out (kind: calculation)"]
    bank.module = "04-communication"  # a module that teaches no figures needs none
    assert all("calculation" not in p for p in item_rules.kind_problems(bank))


# --- the organisation's own settings -------------------------------------------------------

def test_organisation_settings_render_set_and_unset(tmp_path):
    from courseware.model import organisation

    (tmp_path / "organisation.yml").write_text(
        "name: Northfield Energy\ncontacts:\n  hr:\n    name: the HR advice line\n    detail: extension 4410\n"
        "policies:\n  absence: https://intranet.example/hr/absence\n  conduct: ~\n")
    org = organisation.load(tmp_path)
    page = ("Read {{ org.policies.absence }} first. Call {{org.contacts.hr}}.\n"
            "Then {{ org.policies.conduct }} applies.\n")
    out = organisation.render(page, org, "modules/x/y.md")
    assert "Read [the absence policy](https://intranet.example/hr/absence) first." in out
    assert "Call the HR advice line &#40;extension 4410&#41;." in out
    assert ('<span class="org-unset" title="Your organisation has not filled this in yet">the conduct '
            "(disciplinary) policy (ask your HR team)</span> applies.") in out
    assert "policies.conduct" in org.unset() and "policies.absence" not in org.unset()
    assert "Northfield Energy's own" in organisation.reference_page(org)


@pytest.mark.parametrize("text, message", [
    ("policies:\n  absence: intranet/hr/absence\n", r"organisation\.yml:2: 'policies\.absence' must be a web address"),
    ("contacts:\n  hr: x\n  hr_team: y\n", r"organisation\.yml:3: unknown setting 'contacts\.hr_team'; did you mean"),
    ("targets: 80/20\n", r"organisation\.yml:1: 'targets' holds settings, one a line"),
    ("- name: Northfield\n", r"organisation\.yml:1: organisation\.yml holds settings, one a line, .* not a list"),
    ("name: yes\n", r"organisation\.yml:1: 'name' must be text, and YAML reads this value as true: put it in quotes"),
    ("contacts:\n  1: x\n", r"organisation\.yml:2: the key '1' is not text"),
    ("name: Northfield\ncontacts: &c\n  hr: x\n", r"organisation\.yml:2: YAML anchors and aliases"),
    (b"name: Caf\xe9 Energy\n", r"organisation\.yml:1: byte 0xe9 is not UTF-8 text"),
    ("lms:\n  mastery_score: '80'\n", r"organisation\.yml:2: 'lms\.mastery_score' must be a whole number .* not '80' "
                                       r"\(it is in quotes, so YAML reads it as text: take the quotes off\)"),
    ("lms:\n  mastery_score: 80\n  assessment_questions: 0\n",
     r"organisation\.yml:3: 'lms\.assessment_questions' must be a whole number from 1 to 20 \(or ~ for 5\), not 0"),
    ("lms:\n  assessment_pass_mark: 120\n",
     r"organisation\.yml:2: 'lms\.assessment_pass_mark' must be a whole number from 1 to 100 \(or ~ for 80\), not 120"),
])
def test_a_malformed_organisation_setting_names_its_line(tmp_path, text, message):
    from courseware.model import organisation

    target = tmp_path / "organisation.yml"
    target.write_bytes(text) if isinstance(text, bytes) else target.write_text(text)
    with pytest.raises(CourseError, match=message):
        organisation.load(tmp_path)


def test_an_organisation_setting_shows_as_typed_never_as_markup(tmp_path):
    """DEF-8 and DEF-6: a setting is text: a '|' does not end a table cell, and link or
    emphasis syntax does not become a link (a javascript: address least of all)."""
    import markdown

    from courseware.model import organisation

    (tmp_path / "organisation.yml").write_text(
        'contacts:\n  hr: "HR | ext 4410 [call](javascript:alert(1)) *now* <b>R&D</b>"\n')
    org = organisation.load(tmp_path)
    page = markdown.markdown(organisation.reference_page(org), extensions=["tables"])
    assert "<td>your HR team (HR | ext 4410 [call](javascript:alert(1)) *now* &lt;b&gt;R&amp;D&lt;/b&gt;)</td>" in \
        page.replace("&#124;", "|").replace("&#91;", "[").replace("&#93;", "]").replace("&#40;", "(") \
            .replace("&#41;", ")").replace("&#42;", "*").replace("&#60;", "&lt;").replace("&#62;", "&gt;")
    assert "<a " not in page and "<em>" not in page and "<b>" not in page


def test_an_unknown_organisation_reference_in_a_page_names_its_line(tmp_path):
    from courseware.model import organisation

    with pytest.raises(CourseError, match=r"docs/a\.md:2: '\{\{ org\.policies\.absense \}\}' is not an "
                                          r"organisation setting; did you mean 'policies\.absence'\?"):
        organisation.render("Fine.\nSee {{ org.policies.absense }}.\n", organisation.Organisation({}), "a.md")


# --- blind pilots ----------------------------------------------------------------------------

def _pilot_bank() -> "banks.Bank":
    from courseware.model import banks

    bank = banks.Bank("01-demo", "quizzes/01-demo.yml", line=3)
    bank.questions["s1"] = _question("s1", ["Move Tom's break", "Open the overflow", "Ask for overtime",
                                            "Pull Ruth off email"], [2], 10)
    bank.questions["m1"] = _question("m1", ["Check the forecast", "Count the shrinkage", "Read the interval",
                                            "Ask planning", "Move lunches"], [0, 3], 30)
    bank.questions["f1"] = banks.Question(id="f1", bank="01-demo", file="quizzes/01-demo.yml", line=50, objective=1,
                                          type="fill", kind="calculation", explanation="Sum it.",
                                          question="Adherence is [[85]]% when Tom is out 72 of 480 minutes.")
    for q in bank.questions.values():
        q.question = q.question if q.type == "fill" else f"Secret stem of {q.id}?"
        for option in q.options:
            option.feedback = "Secret feedback."
    return bank


def test_pilot_sheets_show_neither_key_nor_feedback_and_options_only_hides_the_question():
    from courseware.authoring import pilot

    bank = _pilot_bank()
    options_sheet, options_key = pilot.sheets(bank, "options-only", seed=3)
    lesson_sheet, lesson_key = pilot.sheets(bank, "no-lesson", seed=3)
    texts = sorted(o.text for q in bank.questions.values() for o in q.options)
    for sheet in (options_sheet, lesson_sheet):
        assert "Secret feedback" not in sheet and "Sum it." not in sheet and "[[" not in sheet
        assert sorted(re.findall(r"^[A-H]\. (.*)$", sheet, re.M)) == texts  # each option bare, nothing marked
    assert "Secret stem" not in options_sheet and "Adherence" not in options_sheet  # no questions, no fill-ins
    assert "Secret stem of s1?" in lesson_sheet and "Adherence is _____ (1)% when" in lesson_sheet
    assert sorted(options_key["items"]) == ["P01", "P02"] and sorted(lesson_key["items"]) == ["P01", "P02", "P03"]
    # The same seed gives the same sheet; the letters follow a shuffle, not the file's order.
    assert pilot.sheets(bank, "options-only", seed=3)[0] == options_sheet
    orders = {tuple(pilot.sheets(bank, "no-lesson", seed=s)[1]["items"]["P01"].get("letters", {}).values())
              for s in range(8)}
    assert len(orders) > 1


def test_pilot_scores_each_type_against_chance_and_flags_changed_questions():
    from courseware.authoring import pilot

    bank = _pilot_bank()
    _, key = pilot.sheets(bank, "no-lesson", seed=5)
    by_id = {entry["id"]: label for label, entry in key["items"].items()}
    single, multiple = key["items"][by_id["s1"]], key["items"][by_id["m1"]]
    wrong_single = next(letter for letter in single["letters"] if letter not in single["correct"])
    replies = (f"{by_id['s1']}: {wrong_single}\n**{by_id['m1']}**: {', '.join(multiple['correct'])}\n"
               f"{by_id['f1']}:  85 \n")
    result = pilot.score(bank, key, replies)
    assert result.right == {"single": [], "multiple": ["m1"], "fill": ["f1"]}
    assert result.chance == {"single": 0.25, "multiple": 1 / 26}
    assert round(result.share(), 3) == round(2 / 3, 3) and result.unanswered == [] and result.stale == []
    text = pilot.report(result)
    assert "single: 0 of 1 fully right (0%, chance 25%)" in text and "multiple: 1 of 1 fully right (100%, chance 4%)" in text

    # Half a multiple answer is not fully right; a missing line is reported; an edited option
    # makes the old sheet's item stale.
    bank.questions["m1"].options[4].text = "Move the lunches"
    partial = pilot.score(bank, key, f"{by_id['m1']}: {multiple['correct'][0]}")
    assert partial.right["multiple"] == [] and sorted(partial.unanswered) == sorted([by_id["s1"], by_id["f1"]])
    assert partial.stale == ["m1"]


def test_the_pilot_script_names_a_module_s_bank_and_its_assessment_pool_apart():
    """A pool (quizzes/assessment/NN-slug.yml) shares its module's name: its sheets go to their
    own folder and its key names the pool, so scoring never reads the self-check bank."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("pilot_script", ROOT / "scripts/pilot.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    for name in ("06-running-the-floor", "quizzes/06-running-the-floor.yml"):
        assert script.bank_path(name) == "06-running-the-floor"
    for name in ("assessment/06-running-the-floor", "quizzes/assessment/06-running-the-floor.yml"):
        assert script.bank_path(name) == "assessment/06-running-the-floor"


def test_inline_code_is_found_and_only_mkdocs_quiz_s_option_blocks_pass():
    from courseware.html import inline_code

    engine = ('<script type="text/javascript">\nwindow.mkdocsQuizTranslations = {"Submit": "Check my answer"};\n'
              '</script><script type="text/javascript">\nwindow.mkdocsQuizConfig = {\n  confetti: false,\n'
              '  showProgress: false,\n  progressSidebarPosition: "top"\n};\n</script><script src="a.js"></script>')
    assert inline_code.found(engine) == []
    page = ('<script>alert(1)</script><p style="x" onmouseover="y()"><a href=" JavaScript:z()">a</a>'
            '<img src="data:image/png;base64,AA"><a href="https://intranet.example/">fine</a>')
    assert [what for what, _ in inline_code.found(page)] == [
        "an inline script", "a style attribute", "an event handler (onmouseover=)", "a javascript: address",
        "a data: address"]
    # What once got through: code after the engine's opening words, a tab inside the scheme
    # (browsers drop it), an object's data address and a frame's inline document.
    sneaky = ('<script>window.mkdocsQuizConfig={};document.title="PWNED"</script>'
              '<script>window.mkdocsQuizTranslations = {"a": "b"}; alert(1);</script>'
              '<a href="java&#9;script:alert(1)">x</a><object data="javascript:alert(1)"></object>'
              '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>')
    assert [what for what, _ in inline_code.found(sneaky)] == [
        "an inline script", "an inline script", "a javascript: address", "a javascript: address",
        "a frame's inline document (srcdoc=)"]
    # The line named is the one that brought it, not the first line mentioning "styles".
    with pytest.raises(CourseError, match=r"^docs/x\.md:3: a style attribute"):
        inline_code.check('<p style="color:red">Red</p>', "x.md",
                          lambda: {"docs/x.md": "# Leadership styles\nThree styles.\n<p style=\"color:red\">Red</p>"})
    with pytest.raises(CourseError, match=r"^docs/x\.md:2: an inline script reaches the page x\.md"):
        inline_code.check("<script>alert(1)</script>", "x.md", lambda: {"docs/x.md": "# X\n<script>alert(1)</script>"})


def test_a_weekday_paired_with_a_date_needs_its_year():
    """Issue 22 §3: "goes live Monday 3 March" was true in one year in seven."""
    from courseware.authoring import writing

    text = ("Intro.\n\nOn Monday 3 March the screen went live.\nThen 10 March, a Monday, came.\n\n"
            "On Friday 6 November 2026 he was ill.\nBack on Wednesday 18 November.\n\nOn Monday you start.\n")
    assert writing.weekday_dates(text) == [(3, "Monday 3 March"), (4, "10 March, a Monday")]
    assert any("'Monday 3 March' pairs a weekday with a date but gives no year" in problem
               for problem in writing.problems(ROOT / "docs/x.md", text))


# --- data files: schemas, front matter and stable keys -----------------------------------------

BROKEN = ROOT / "tests/data/broken"


def _problems(load) -> list[str]:
    with pytest.raises(CourseError) as error:
        load()
    return error.value.problems


def _load_organisation(folder: Path):
    from courseware.model import organisation
    return organisation.load(folder)


def _load_coverage(folder: Path):
    from courseware.model import coverage
    return coverage.load(folder / "docs", {"a.md": "# A"})


def _load_cast(folder: Path):
    from courseware.model import cast
    return cast.load(folder / "docs")


@pytest.mark.parametrize("fixture, place, load, expected", [
    ("organisation.yml", "organisation.yml", _load_organisation, [
        "organisation.yml:7: unknown setting 'contacts.employe_assistance'; did you mean 'contacts.employee_assistance'?",
        "organisation.yml:6: 'contacts.hr' has a name and a detail ('name: …', 'detail: …'), not 'phone'",
        "organisation.yml:13: 'lms.mastery_score' must be a whole number from 0 to 100 (or ~ for none), not '80' "
        "(it is in quotes, so YAML reads it as text: take the quotes off)",
        "organisation.yml:2: 'name' must be text, and YAML reads this value as true: put it in quotes",
        "organisation.yml:9: 'policies.absence' must be a web address (https://…), not 'intranet/hr/absence'",
        "organisation.yml:10: 'policies.conduct' must be a web address (https://…), not a list",
        "organisation.yml:11: 'targets' holds settings, one a line, such as 'service_level: …', not '80/20'"]),
    ("coverage.yml", "docs/reference/coverage.yml", _load_coverage, [
        "docs/reference/coverage.yml:4: layer must be one of st0384, contact-centre, not 'st0385'",
        "docs/reference/coverage.yml:11: 'team dynamics' names no lesson: say what is missing (missing: …)",
        "docs/reference/coverage.yml:16: unknown field 'part'; did you mean 'parts'?",
        "docs/reference/coverage.yml:12: 'parts' is a required property",
        "docs/reference/coverage.yml:14: 'name' is empty"]),
    ("team.yml", "docs/reference/team.yml", _load_cast, [
        "docs/reference/team.yml:10: people/0/pronouns: 'him' is not one of ['she/her', 'he/him', 'they/them']",
        "docs/reference/team.yml:12: people/0/tenure_months: 'two years' is not of type 'integer'",
        "docs/reference/team.yml:14: unknown field 'pronoun'; did you mean 'pronouns'?",
        "docs/reference/team.yml:13: 'pronouns' is a required property"]),
], ids=["organisation", "coverage", "team"])
def test_a_data_file_s_schema_rejects_a_broken_file_at_each_line(tmp_path, fixture, place, load, expected):
    (tmp_path / place).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / place).write_text((BROKEN / fixture).read_text())
    assert _problems(lambda: load(tmp_path)) == expected


def test_the_session_plan_schema_rejects_broken_front_matter_at_each_line():
    text = (BROKEN / "session-plan.md").read_text()
    assert _problems(lambda: trainer_kit.read_plan("trainers/plans/01-demo.md", text)) == [
        "docs/trainers/plans/01-demo.md:9: kind 'lecture' is not one of break, groups, pairs, plenary, quiz, role-play, "
        "solo",
        "docs/trainers/plans/01-demo.md:7: 7 minutes is not a multiple of 5, so the timetable would read at odd times "
        "such as 9:07: make it 5 or 10, and keep the length",
        "docs/trainers/plans/01-demo.md:10: each activity needs exactly 'minutes', 'activity' and 'kind': 'kind' is a "
        "required property",
        "docs/trainers/plans/01-demo.md:12: minutes must be a whole number above 0, not 'ten'"]
    with pytest.raises(CourseError, match=r"^docs/trainers/plans/01-demo\.md:1: a session plan needs front matter"):
        trainer_kit.read_plan("trainers/plans/01-demo.md", "# Session plan: Demo\n")


def test_the_schemas_name_what_the_code_shows():
    """A setting, a coverage layer or an activity kind the schema allows has its words in the
    code (a label, a heading), and the code has none the schema would refuse."""
    from courseware.model import coverage, organisation
    from courseware.model.yaml_source import course_schema

    schema = course_schema("organisation.json")
    in_schema = set()
    for top, spec in schema["properties"].items():
        in_schema |= {f"{top}.{key}" for key in spec["properties"]} if "properties" in spec else {top}
    assert in_schema == set(organisation.SETTINGS)
    shapes = {"link": "#/$defs/policy", "text": "#/$defs/text", "name": "#/$defs/text", "contact": "#/$defs/contact"}
    for key, setting in organisation.SETTINGS.items():
        group, _, name = key.rpartition(".")
        spec = schema["properties"][group]["properties"][name] if group else schema["properties"][key]
        if setting.kind == "score":
            assert spec["minimum"] == 0 and spec["maximum"] == 100, key
        elif setting.kind in ("count", "percent"):  # a module test's: a whole number, empty for its default
            assert spec["minimum"] == 1 and spec["maximum"] == (100 if setting.kind == "percent" else 20), key
            assert organisation.DEFAULTS[key] in range(spec["minimum"], spec["maximum"] + 1), key
        else:
            assert spec["$ref"] == shapes[setting.kind], key
        assert spec.get("description"), f"{key}: a description for whoever edits organisation.yml"
    assert course_schema("coverage.json")["$defs"]["area"]["properties"]["layer"]["enum"] == list(coverage.LAYERS)
    activity = course_schema("session-plan.json")["$defs"]["activity"]["properties"]
    assert set(activity["kind"]["enum"]) == set(trainer_kit.KIND_LABELS)


def test_front_matter_is_read_as_the_engine_reads_it():
    """Every page's front matter and body, as ProperDocs (MkDocs 1.x) reads them, and the
    body keeps every line where it was, so a fault is reported at the file's own line."""
    import yaml
    from properdocs.utils import meta

    from courseware.model import front_matter

    pages = sorted((ROOT / "docs").rglob("*.md"))
    assert sum(p.read_text().startswith("---\n") for p in pages) > 50
    for path in pages:
        text = path.read_text()
        split = front_matter.split(text)
        body, engine_meta = meta.get_data(text)
        assert (yaml.safe_load(split.yaml) if split.yaml else {}) == engine_meta, path
        assert split.body.lstrip("\n") == body, path
        assert split.body.count("\n") == text.count("\n"), path
    text = "---\ndescription: x\n# not a title: YAML's comment\n---\n\n# The title\n"
    assert front_matter.split(text) == front_matter.Split("description: x\n# not a title: YAML's comment\n", 2,
                                                          "\n\n\n\n\n# The title\n")
    assert front_matter.title(text, "fallback") == "The title"
    assert front_matter.title("No heading.\n", "fallback") == "fallback"


def test_stable_keys_never_change():
    """A learner's saved answers and notebook are filed under these keys: the same text must
    give the same key, byte for byte, in every release (these were made before the helpers
    became one)."""
    from courseware.model import banks, course
    from courseware.pages import notebook

    assert Option("Cover  first.", True, "").key == "f55fd839e2"
    assert Option("Über — café «x»", True, "").key == "c645490411"
    assert course.raw_quiz_id("  What does AHT stand for?\n- [x] Average handle time\n") == "quiz-bc0e7b4395"
    assert notebook.plan_item_id("02-coaching", "Pick one task you have been checking too closely, and hand it back "
                                 "with one coaching question.") == "plan:02-coaching:3e2a9d5ad6"
    assert notebook.plan_item_id("08-wellbeing-and-customers", "Book a  ten-minute\n check-in — with café") == \
        "plan:08-wellbeing-and-customers:1a2590b6d5"
    single = banks.Question(id="demo-single", bank="01-demo", file="f", line=1, objective=1, type="single",
                            kind="scenario", question="Q?", explanation="E.",
                            options=[Option("The cover plan for Monday.", True, "Right."),
                                     Option("Whether Tom is your  friend.", False, "No.")])
    assert [o.key for o in single.options] == ["260da9ab57", "5ffd330588"] and single.code == "cH39"
    fill = banks.Question(id="demo-fill", bank="01-demo", file="f", line=1, objective=1, type="fill", kind="recall",
                          question="Leadership copes with [[change]].", explanation="E.")
    assert fill.code == "TBaM"


def test_your_organisation_lists_the_module_test_settings_with_their_defaults(tmp_path):
    """Issue 25, item 3: "Your organisation" shows how many questions a module test draws
    and its pass mark, each "(the default)" while organisation.yml leaves it empty."""
    from courseware.model import organisation

    empty = organisation.reference_page(organisation.Organisation({}))
    assert "| The questions a module test draws from its pool | 5 (the default) |" in empty
    assert "| The mark that passes a module test | 80% (the default) |" in empty
    (tmp_path / "organisation.yml").write_text("lms:\n  assessment_questions: 6\n  assessment_pass_mark: 70\n")
    settings = organisation.load(tmp_path)
    assert (settings.assessment_questions(), settings.assessment_pass_mark()) == (6, 70)
    page = organisation.reference_page(settings)
    assert "| The questions a module test draws from its pool | 6 |" in page and "| The mark that passes a module test | 70% |" in page
    assert "lms.assessment_questions" not in settings.unset(), "an empty module-test setting is its default, not a gap"
