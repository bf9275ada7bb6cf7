"""The course's browser scripts' own logic, under Node's built-in test runner (tests/js/):
answers.js's store across tabs, limits and refusals; no browser needed."""
import re
import shutil
import subprocess

from conftest import ROOT


def test_browser_scripts_pass_their_node_tests():
    node = shutil.which("node")
    assert node, "Node.js is needed (make test installs Debian's npm, which brings it)"
    result = subprocess.run([node, "--test", "--test-reporter=spec", "tests/js/"], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    passed = re.search(r"\bpass (\d+)", result.stdout)
    assert passed and int(passed.group(1)) >= 10 and re.search(r"\bfail 0\b", result.stdout), result.stdout[-2000:]
