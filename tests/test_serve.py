"""`make serve` as an author uses it: the served pages follow edits to the question banks
and to organisation.yml, not only to docs/."""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import ROOT, copy_project

LESSON = "modules/01-foundations/managing-and-leading/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, server: subprocess.Popen, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.poll() is None:
        if text in page(url):
            return True
        time.sleep(1)
    return False


def test_serve_reloads_on_banks_and_organisation_settings(tmp_path):
    """m2 (new-user walk): editing a question bank or organisation.yml under `make serve`
    rebuilds the served pages, as editing a lesson does."""
    recipe = re.search(r"^serve:.*\n\t(.+)$", (ROOT / "Makefile").read_text(), re.M).group(1)
    assert recipe == "$(BIN)/properdocs serve -f mkdocs.yml --dev-addr 127.0.0.1:8000 --livereload"
    project = copy_project(tmp_path / "project")
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    # The Makefile's command, on a free port.
    server = subprocess.Popen([sys.executable, "-m", "properdocs", "serve", "-f", "mkdocs.yml",
                               "--dev-addr", f"127.0.0.1:{port}", "--livereload"], cwd=project, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    base = f"http://127.0.0.1:{port}/training/"
    try:
        assert wait_for(base + LESSON, "Here are four things you did", server, 300), "serve never started"
        bank = project / "quizzes/01-foundations.yml"
        bank.write_text(bank.read_text().replace("Here are four things you did", "Here are four jobs you did", 1))
        assert wait_for(base + LESSON, "Here are four jobs you did", server, 120), "a bank edit was not served"
        settings = project / "organisation.yml"
        settings.write_text(re.sub(r"^name: ~", "name: Zebrafield Energy", settings.read_text(), count=1, flags=re.M))
        assert wait_for(base, "Zebrafield Energy", server, 120), "an organisation.yml edit was not served"
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGINT)  # Ctrl-C, as an author stops it
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
