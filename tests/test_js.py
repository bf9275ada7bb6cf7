"""The course's browser scripts' own logic, under Node's built-in test runner (tests/js/):
store.js (answers and notebook across tabs, limits and refusals, merge by newest, import and
export, replace-all), the SCORM saved-answer codec against Python's encoder, the quiz
feedback rules and the conversation player; no browser needed. And the guard that store.js
is the only script that touches the learner's saved data."""
import re
import shutil
import subprocess

from conftest import ROOT

STORE = "docs/assets/javascripts/store.js"
CONTRACT = "docs/assets/javascripts/contract.js"  # lists the keys (courseware/contract.py); reads nothing
# What only the store may name: the storage itself and the saved entries' key prefixes.
SAVED_DATA_WORDS = ("localStorage", "sessionStorage", "course-answers:", "course-notebook:",
                    "course-notebook-owner:", "quiz_progress_")


def test_browser_scripts_pass_their_node_tests():
    node = shutil.which("node")
    assert node, "Node.js is needed (make test installs Debian's npm, which brings it)"
    result = subprocess.run([node, "--test", "--test-reporter=spec", "tests/js/"], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    passed = re.search(r"\bpass (\d+)", result.stdout)
    assert passed and int(passed.group(1)) >= 40 and re.search(r"\bfail 0\b", result.stdout), result.stdout[-2000:]


def test_only_the_store_touches_saved_data():
    """Issue 24: one owner of localStorage and of the saved formats' keys, so a format bump
    is one edit. Every other script (the SCORM launcher's included) uses store.js's API."""
    folders = ("docs/assets", "courseware/pages/assets", "courseware/release/assets")
    scripts = [p for folder in folders for p in (ROOT / folder).rglob("*.js") if "vendor" not in p.parts]
    assert (ROOT / STORE) in scripts
    offenders = [f"{p.relative_to(ROOT)}: {word}" for p in scripts if p not in (ROOT / STORE, ROOT / CONTRACT)
                 for word in SAVED_DATA_WORDS if word in p.read_text()]
    assert not offenders, offenders
