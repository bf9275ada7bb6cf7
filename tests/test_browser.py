"""Every built page in a real browser, published under a sub-path: nothing leaves
127.0.0.1, nothing fails to load, no console error, and axe-core finds no WCAG 2.2 AA
violation, in the light and the dark palette."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import page_paths

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material's scheme
AXE = Axe()


class Watch:
    """Records what a browser context does that a page must not: outside requests,
    failed sub-resources and console errors."""

    def __init__(self, context, origin: str):
        self.origin = origin
        self.problems: list[str] = []
        self.expect_404: str | None = None
        context.on("request", self._request)
        context.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url} ({r.failure})"))
        context.on("response", self._response)
        context.on("console", self._console)
        context.on("weberror", lambda e: self.problems.append(f"page error: {e.error}"))

    def _request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in {"data", "blob", "about"}:
            return
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            self.problems.append(f"outside request: {request.url}")

    def _response(self, response):
        if response.status >= 400 and response.url != self.expect_404:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def _console(self, message):
        if message.type == "error" and not (self.expect_404 and "404" in message.text):
            self.problems.append(f"console error: {message.text}")

    def take(self) -> list[str]:
        found, self.problems = self.problems, []
        return found


def open_context(browser, server: str, scheme: str):
    context = browser.new_context(color_scheme=scheme, base_url=server)
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(server))
    return context, Watch(context, origin)


def axe_violations(page) -> list[str]:
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"axe {v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:5])
        for v in results.response["violations"]
    ]


def visit(page, url: str):
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")


def check_scheme(page, scheme: str) -> list[str]:
    actual = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    return [] if actual == SCHEMES[scheme] else [f"palette is {actual!r}, expected {SCHEMES[scheme]!r}"]


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_every_page_is_local_clean_and_accessible(browser, server, site, scheme):
    pages = page_paths(site)
    assert len(pages) >= 30, f"expected the whole course, found {len(pages)} pages"
    context, watch = open_context(browser, server, scheme)
    page = context.new_page()
    report: dict[str, list[str]] = {}
    for path in pages:
        visit(page, server + path)
        problems = watch.take() + check_scheme(page, scheme) + axe_violations(page)
        if problems:
            report[path or "(home)"] = problems
    context.close()
    assert not report, "\n".join(f"{p}:\n  " + "\n  ".join(v) for p, v in report.items())


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_404_page_works_at_any_depth(browser, server, scheme):
    context, watch = open_context(browser, server, scheme)
    page = context.new_page()
    problems: list[str] = []
    for missing in ["no-such-page/", "modules/01-foundations/no/such/page/"]:
        watch.expect_404 = server + missing
        response = page.goto(server + missing, wait_until="load")
        page.wait_for_load_state("networkidle")
        assert response.status == 404
        assert page.locator("h1").first.inner_text().strip() == "404 - Not found"
        # Styled means the stylesheet loaded from the right place, not the sub-path's root.
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        home = page.locator(".md-header__button.md-logo").get_attribute("href")
        assert page.evaluate("h => new URL(h, location.href).href", home) == server
        problems += watch.take() + axe_violations(page)
    context.close()
    assert not problems, "\n".join(problems)


def quiz_pages(site) -> list[str]:
    return [p for p in page_paths(site) if re.search(r'<div class="quiz[ "]', (site / p / "index.html").read_text())]


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_answered_quiz_is_accessible(browser, server, site, scheme):
    pages = quiz_pages(site)
    assert pages, "no page has a quiz"
    context, watch = open_context(browser, server, scheme)
    page = context.new_page()
    visit(page, server + pages[0])
    quizzes = page.locator("div.quiz")
    assert quizzes.count() >= 1
    for i in range(quizzes.count()):
        quiz = quizzes.nth(i)
        quiz.scroll_into_view_if_needed()
        blanks = quiz.locator("input.quiz-blank-input")
        if blanks.count():
            blanks.first.fill("not the answer")  # a wrong answer shows the most feedback
        else:
            options = quiz.locator("fieldset input")
            options.nth(options.count() - 1).check()
        button = quiz.locator("button[type=submit]")
        if button.count() and button.is_enabled():
            button.click()
        page.wait_for_timeout(100)
    answered = page.evaluate(
        "[...document.querySelectorAll('div.quiz .quiz-feedback')].filter(e => !e.classList.contains('hidden')).length")
    assert answered == quizzes.count(), "every quiz on the page shows its feedback once answered"
    problems = watch.take() + axe_violations(page)
    context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_search_finds_a_module_word_in_that_module_first(browser, server, site, scheme):
    """'BATNA' is taught in Communication alone among the modules; the module must rank
    above the glossary and sources that also name it."""
    word, module = "BATNA", "modules/04-communication/"
    module_pages = [p for p in page_paths(site) if p.startswith("modules/")]
    users = [p for p in module_pages if re.search(rf"\b{word}\b", (site / p / "index.html").read_text())]
    assert users and all(p.startswith(module) for p in users), f"{word} must be used by one module only: {users}"
    context, watch = open_context(browser, server, scheme)
    page = context.new_page()
    visit(page, server)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(word, delay=30)  # Material reads keystrokes
    first = page.locator(".md-search-result__item a").first
    first.wait_for(timeout=10_000)
    href = first.get_attribute("href")
    assert module in page.evaluate("h => new URL(h, location.href).pathname", href), href
    assert watch.take() + axe_violations(page) == [], "the open search dialog is clean and accessible"
    context.close()
