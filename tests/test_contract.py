"""courseware/contract.py, the one list of names shared with the browser (issue 24): the
scripts read them from contract.js and hard-code none, contract.js is current, and every
name in the contract is used somewhere. No site build.

The rule for stylesheets: CSS cannot read the contract, so a stylesheet names classes and
`data-*` attributes as they are; what it may not do is select on a course `data-*`
attribute the contract does not list (only the theme's `data-md-*` are left out), so
renaming one in the contract shows every stylesheet that still uses the old name."""
import re

import rcssmin
import rjsmin

from conftest import ROOT
from courseware import contract

SCRIPT_FOLDERS = ("docs/assets/javascripts", "courseware/pages/assets", "courseware/release/assets")
STYLESHEETS = sorted((ROOT / "docs/assets/stylesheets").glob("*.css"))
# Names a script must take from window.courseContract, never write itself. The window
# globals are the scripts' API (window.courseAnswers) and are named directly.
READ_FROM_CONTRACT = ("storage", "events", "data", "classes", "assets")
# What reads the names besides the scripts: the course's Python and the theme templates.
PYTHON_AND_TEMPLATES = ([p for folder in ("courseware", "overrides", "scripts") for p in (ROOT / folder).rglob("*.py")
                         if p.name != "contract.py"] + sorted((ROOT / "overrides").glob("*.html")))


def scripts():
    """The course's own scripts: every one but the contract itself and vendored code."""
    found = [p for folder in SCRIPT_FOLDERS for p in sorted((ROOT / folder).glob("*.js"))]
    return [p for p in found if p != contract.SCRIPT_PATH]


def code_of(path):
    """A script without its comments (rjsmin reads strings and regular expressions as a
    JavaScript tokeniser does, so a name in a comment is no hard-coding)."""
    return rjsmin.jsmin(path.read_text(encoding="utf-8"))


def literal(value):
    """A name as a whole word: 'course-progress' is not in 'course-progress-file'."""
    return re.compile(r"(?<![\w-])" + re.escape(value) + r"(?![\w-])")


def line_of(path, pattern):
    """The first line of the source that matches pattern outside a // comment, for the message."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if pattern.search(line.split("//")[0] if "://" not in line else line):
            return number
    return 1


def shared_names():
    """(group, Python name, script name, value) for every string the scripts must read."""
    for group in READ_FROM_CONTRACT:
        for key, value in contract.names(contract.GROUPS[group]).items():
            if isinstance(value, str):
                yield group, key, contract.camel(key), value


def hard_coded(path, shown_as=None):
    """`FILE:LINE: what is wrong` for each contract name the script writes out itself."""
    code = code_of(path)
    shown_as = shown_as or str(path.relative_to(ROOT))
    problems = []
    for group, key, name, value in shared_names():
        # A storage prefix ends in ':' and the course's name follows it: any occurrence counts.
        pattern = re.compile(re.escape(value)) if group == "storage" else literal(value)
        dataset = re.compile(r"\.dataset\." + contract.camel(value[len("data-"):].replace("-", "_")) + r"\b")
        if group == "data" and dataset.search(code):
            pattern = dataset
        if pattern.search(code):
            problems.append(f"{shown_as}:{line_of(path, pattern)}: hard-codes {value!r} "
                            f"(contract.{contract.GROUPS[group].__name__}.{key}): "
                            f"read window.courseContract.{group}.{name}")
    return problems


def test_contract_js_is_what_contract_py_makes():
    assert contract.SCRIPT_PATH.read_text(encoding="utf-8") == contract.script(), (
        "docs/assets/javascripts/contract.js is out of date: run `python -m courseware.contract`")


def test_contract_js_loads_before_every_script():
    """mkdocs.yml's first extra_javascript: a plain tag at the end of the body, so it runs
    before the pages' deferred scripts (store.js, progress.js, ...) and before copy-link.js."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    listed = re.search(r"^extra_javascript:\n((?:  (?:- .*|#.*)\n)+)", config, re.M)
    assert listed, "mkdocs.yml has no extra_javascript list"
    entries = [line.strip()[2:] for line in listed.group(1).splitlines() if line.strip().startswith("- ")]
    assert entries[0] == contract.Scripts.CONTRACT, entries


def test_no_script_hard_codes_a_name_the_contract_lists():
    found = scripts()
    assert {p.name for p in found} >= {"store.js", "progress.js", "review.js", "notebook.js", "progress-file.js",
                                       "conversation.js", "scorm-launch.js"}
    problems = [problem for path in found for problem in hard_coded(path)]
    assert not problems, "\n".join(problems)


def test_a_planted_name_is_found_at_its_line(tmp_path):
    """The check above can fail: a script that writes a key, an event, an attribute or a
    class itself is named, with the line and the contract's name for it."""
    planted = tmp_path / "planted.js"
    planted.write_text('(function () {\n  // data-quiz-ids in a comment is fine\n'
                       '  window.addEventListener("courseanswerschange", function () {});\n'
                       '  var key = "course-notebook:" + name;\n'
                       '  var ready = element.dataset.notebookEntry;\n'
                       '  document.querySelector(".review-more");\n})();\n', encoding="utf-8")
    problems = hard_coded(planted, shown_as="planted.js")
    assert any(p.startswith("planted.js:3: hard-codes 'courseanswerschange' (contract.Events.ANSWERS_CHANGE): "
                            "read window.courseContract.events.answersChange") for p in problems), problems
    assert any(p.startswith("planted.js:4: hard-codes 'course-notebook:'") for p in problems), problems
    assert any(p.startswith("planted.js:5: hard-codes 'data-notebook-entry'") for p in problems), problems
    assert any(p.startswith("planted.js:6: hard-codes 'review-more'") for p in problems), problems
    assert not any("data-quiz-ids" in p for p in problems), problems


def stylesheet_attributes(path):
    """The data-* attributes a stylesheet selects on or shows (attr()), comments left out."""
    css = rcssmin.cssmin(path.read_text(encoding="utf-8"))
    return set(re.findall(r"\[(data-[a-z0-9-]+)", css)) | set(re.findall(r"attr\((data-[a-z0-9-]+)\)", css))


def test_stylesheets_use_only_data_attributes_the_contract_lists():
    listed = set(contract.names(contract.Data).values())
    problems = [f"{path.relative_to(ROOT)}: selects on {name}, which courseware/contract.py does not list"
                for path in STYLESHEETS for name in sorted(stylesheet_attributes(path))
                if not name.startswith("data-md-") and name not in listed]
    assert not problems, "\n".join(problems)


def test_every_name_in_the_contract_is_used():
    """By a script (through window.courseContract, or a global by its name), by Python
    through the constant, or by a stylesheet or template as CSS and HTML must name it."""
    script_code = "\n".join(code_of(p) for p in scripts())
    python = "\n".join(p.read_text(encoding="utf-8") for p in PYTHON_AND_TEMPLATES)
    css = "\n".join(rcssmin.cssmin(p.read_text(encoding="utf-8")) for p in STYLESHEETS)
    unused = []
    for group, cls in {**contract.GROUPS, **contract.PYTHON_ONLY}.items():
        for key, value in contract.names(cls).items():
            name = contract.camel(key)
            by_script = (re.search(rf"\b(?:{group}|{group.upper()})\.{name}\b", script_code)
                         or (group == "globals" and literal(value).search(script_code)))
            by_python = re.search(rf"\b{cls.__name__}\.{key}\b", python)
            by_css = isinstance(value, str) and (literal(value).search(css) if group in ("data", "classes") else False)
            by_template = group == "data" and literal(value).search(python)  # overrides/*.html
            if not (by_script or by_python or by_css or by_template):
                unused.append(f"courseware/contract.py: {cls.__name__}.{key} ({value!r}) is used nowhere")
    assert not unused, "\n".join(unused)
