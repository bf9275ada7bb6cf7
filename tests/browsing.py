"""What the browser tests share: a watch on what a page does, axe-core, page visits."""
from __future__ import annotations

from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

# WCAG 2.2 AA, plus axe's best practices: Lighthouse's accessibility audit runs some of
# those too (a dialog's name, for one), and a page should pass both.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
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
        context.on("requestfailed", self._failed)
        context.on("response", self._response)
        context.on("console", self._console)
        context.on("weberror", lambda e: self.problems.append(f"page error: {e.error}"))

    def _request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in {"data", "blob", "about"}:
            return
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            self.problems.append(f"outside request: {request.url}")

    def _failed(self, request):
        # A request the page itself cancelled (the learner moved on before the favicon
        # arrived) is not a fault; any other failure is.
        if request.failure != "net::ERR_ABORTED":
            self.problems.append(f"failed: {request.url} ({request.failure})")

    def _response(self, response):
        if response.status >= 400 and response.url != self.expect_404:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def _console(self, message):
        if message.type == "error" and not (self.expect_404 and "404" in message.text):
            self.problems.append(f"console error: {message.text}")

    def take(self) -> list[str]:
        found, self.problems = self.problems, []
        return found


PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}


def open_context(browser, server: str, scheme: str, device: dict | None = None):
    context = browser.new_context(color_scheme=scheme, base_url=server, **(device or DESKTOP))
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(server))
    return context, Watch(context, origin)


def offline_context(browser):
    """A browser for the offline copy opened from file://, and the list that collects its
    script errors and any request that leaves the machine."""
    context = browser.new_context()
    errors: list[str] = []
    context.on("weberror", lambda e: errors.append(str(e.error)))
    context.on("request", lambda r: None if r.url.startswith(("file:", "data:", "blob:", "about:"))
               else errors.append("outside request: " + r.url))
    return context, errors


# axe reads colours as painted. Mid-transition (the search box fading back into the header
# after Escape) text and background are half-way between palettes, a contrast nobody sees
# once the page settles; so wait for every finite animation and transition to end first.
SETTLED = """() => document.getAnimations().every(a =>
    a.playState !== 'running' || a.effect.getComputedTiming().endTime === Infinity)"""


def axe_violations(page) -> list[str]:
    page.wait_for_function(SETTLED, timeout=10_000)
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [
        f"axe {v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:5])
        for v in results.response["violations"]
    ]


def visit(page, url: str):
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")


def answer(quiz, right: bool):
    """Answer one question as a learner does: right, or wrong."""
    blanks = quiz.locator("input.quiz-blank-input")
    if blanks.count():
        for i in range(blanks.count()):
            box = blanks.nth(i)
            box.fill(box.get_attribute("data-answer") if right else "not it")
        blanks.last.press("Enter")
    else:
        picks = quiz.locator("fieldset input[data-correct]") if right else \
            quiz.locator("fieldset input:not([data-correct])").first
        for i in range(picks.count()):
            picks.nth(i).check()  # every question waits for "Check my answer"
        button = quiz.locator("button:not([type=button]):visible")
        if button.count():
            button.click()
    quiz.locator(".quiz-feedback:not(.hidden)").wait_for(timeout=5000)
