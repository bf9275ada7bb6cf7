"""Shared fixtures: a strict build of the course, a server that publishes it under a
sub-path as an intranet would, and Debian's Chromium driven by Playwright."""
from __future__ import annotations

import contextlib
import functools
import os
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SUB_PATH = "/training/"  # where the course is published in the tests, as in site_url
CHROMIUM = "/usr/bin/chromium"
# Without these flags Chromium itself calls Google's services at start-up.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic", "--disable-features=Translate,OptimizationHints,MediaRouter"]
VNU = ROOT / "tests/node/node_modules/vnu-jar/build/dist/vnu.jar"  # the W3C Nu HTML checker, pinned in tests/node/
# The configuration every build of the suite uses: mkdocs.yml, or another that COURSE_CONFIG
# names (mkdocs-materialx.yml runs the same tests on Material's fork; README "Engine").
CONFIG = os.environ.get("COURSE_CONFIG", "mkdocs.yml")
PROJECT_PARTS = sorted({"mkdocs.yml", CONFIG}) + ["organisation.yml", "docs", "overrides", "quizzes", "conversations"]  # what the build reads besides courseware/


@pytest.fixture(scope="session")
def course():
    """The course as courseware checks it (banks against pages), without a build."""
    from courseware.model.course import check_course, read_pages

    result = check_course(ROOT, read_pages(ROOT / "docs"))
    assert not result.errors and not result.warnings, result.errors + result.warnings
    return result


def strict_build(project: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess:
    """A strict build with ProperDocs, as `make build` runs it; output kept for the
    assertion messages."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    return subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "-f", CONFIG, "--strict", "-d", str(site_dir), *extra],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )


def copy_project(dest: Path) -> Path:
    """A copy of what the build reads, for tests that break it on purpose."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        elif src.exists():
            shutil.copy2(src, dest / part)
    return dest


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    site_dir = tmp_path_factory.mktemp("site")
    result = strict_build(ROOT, site_dir)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


def page_paths(site_dir: Path) -> list[str]:
    """Every built page as a path below the site root ('' is the home page)."""
    pages = []
    for html in sorted(site_dir.rglob("index.html")):
        rel = html.parent.relative_to(site_dir).as_posix()
        if rel.split("/")[0] in {"assets", "search"}:
            continue
        pages.append("" if rel == "." else rel + "/")
    return pages


class SubPathHandler(SimpleHTTPRequestHandler):
    """Serves the site under SUB_PATH only, with its 404 page for anything missing,
    as nginx does with `error_page 404`."""

    def log_message(self, *args):  # keep test output quiet
        pass

    def translate_path(self, path):
        if not path.startswith(SUB_PATH):
            return "/nonexistent"
        return super().translate_path("/" + path[len(SUB_PATH):])

    def send_error(self, code, message=None, explain=None):
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.exists():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class LocalServer(ThreadingHTTPServer):
    # A browser opens many connections at once (pages prefetch what a lesson needs). With
    # Python's default backlog of 5, a busy test process lets the queue overflow, and each
    # dropped connection waits for TCP to retry (1, 3, 7, 15 s...): the nginx in front of a
    # real course queues 511.
    request_queue_size = 128


@contextlib.contextmanager
def serve(directory: Path):
    """Publish a built site at http://127.0.0.1:PORT/training/; yields that URL."""
    handler = functools.partial(SubPathHandler, directory=str(directory))
    httpd = LocalServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}{SUB_PATH}"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="session")
def server(site):
    """Base URL of the built course, published at http://127.0.0.1:PORT/training/."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        # Never a skip: a suite that quietly skips its browser tests proves nothing.
        pytest.fail(f"{CHROMIUM} is missing: run `make test` as root, or `sudo apt-get install chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def html_errors(*trees: Path) -> list[str]:
    """Every error the W3C Nu HTML checker finds in the HTML files of the trees, as
    `file:line: message` (nothing filtered)."""
    import json

    java = shutil.which("java")
    if not java or not VNU.exists():
        pytest.fail("the HTML checker needs Java and tests/node/: run `make test`, which installs both")
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html",
                             *map(str, trees)], capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    return [f"{m.get('url', '').removeprefix('file:')}:{m.get('lastLine', '?')}: {m['message']}" for m in messages]
