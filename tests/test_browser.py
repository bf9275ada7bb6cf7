"""Every built page in a real browser, published under a sub-path: nothing leaves
127.0.0.1, nothing fails to load, no console error, and axe-core finds no WCAG 2.2 AA
violation, in the light and the dark palette on a desktop, and on a phone."""
from __future__ import annotations

import re
import subprocess

import pytest

from browsing import PHONE, SCHEMES, axe_violations, open_context, visit
from conftest import ROOT, page_paths


def check_scheme(page, scheme: str) -> list[str]:
    actual = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    return [] if actual == SCHEMES[scheme] else [f"palette is {actual!r}, expected {SCHEMES[scheme]!r}"]


# The whole-course print page exists to be printed, on paper in the light palette: a phone
# or the dark palette tells nothing about it, and it is the slowest page to check (about
# a minute and a half of axe-core on this machine), so it is checked once, in light.
PRINT_ONLY = "print_page/"


def sweep(browser, server, pages, scheme: str, device) -> dict[str, list[str]]:
    """Each page's problems, by path: a request leaving 127.0.0.1, a failed load, a console
    error, the wrong palette, or an axe-core violation."""
    context, watch = open_context(browser, server, scheme, device)
    page = context.new_page()
    report: dict[str, list[str]] = {}
    for path in pages:
        visit(page, server + path)
        problems = watch.take() + check_scheme(page, scheme) + axe_violations(page)
        if problems:
            report[path or "(home)"] = problems
    context.close()
    return report


@pytest.mark.parametrize("scheme, device", [("light", None), ("dark", None), ("light", PHONE)],
                         ids=["light", "dark", "phone"])
def test_every_page_is_local_clean_and_accessible(browser, server, site, scheme, device):
    pages = page_paths(site)
    assert len(pages) >= 30, f"expected the whole course, found {len(pages)} pages"
    assert PRINT_ONLY in pages
    if scheme != "light" or device is not None:
        pages = [path for path in pages if path != PRINT_ONLY]
    report = sweep(browser, server, pages, scheme, device)
    assert not report, "\n".join(f"{p}:\n  " + "\n  ".join(v) for p, v in report.items())


FLOOR = ["floor/", "floor/plan/", "floor/checklists/", "floor/manager-guide/"]


@pytest.mark.parametrize("device", [None, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_the_floor_pages_are_clean_in_both_palettes_on_a_phone_and_a_desktop(browser, server, site, scheme, device):
    """The sweep above takes every page; the pages a manager is handed also in the dark palette on a phone."""
    assert set(FLOOR) <= set(page_paths(site))
    report = sweep(browser, server, FLOOR, scheme, device)
    assert not report, "\n".join(f"{p}:\n  " + "\n  ".join(v) for p, v in report.items())


def printed_pages(page, tmp_path) -> list[str]:
    """The page printed by Chromium on A4, as each sheet's words (poppler's pdftotext)."""
    path = tmp_path / "printed.pdf"
    path.write_bytes(page.pdf(format="A4", prefer_css_page_size=True))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(sheet.split()) for sheet in text.split("\f") if sheet.strip()]


def observation_checklists() -> list[tuple[str, list[str]]]:
    """Each checklist's title and its behaviours, from the source."""
    source = (ROOT / "docs/floor/checklists.md").read_text()
    found = []
    for block in re.findall(r'<div class="floor-checklist" markdown>(.*?)</div>', source, re.S):
        title = re.search(r"^## (.+?) \{#", block, re.M).group(1)
        rows = [line.split("|")[1].strip() for line in block.splitlines() if line.startswith("| ")]
        found.append((title, rows[1:rows.index("Sign-off")]))
    return found


def test_each_observation_checklist_prints_on_one_a4_page(browser, server, tmp_path):
    """Issue 25, item 5: a manager prints a module's checklist and gets one sheet to sign,
    every behaviour and the sign-off on it, and no other checklist."""
    context, watch = open_context(browser, server, "light")
    page = context.new_page()
    visit(page, server + "floor/checklists/")
    sheets = printed_pages(page, tmp_path)
    checklists = observation_checklists()
    # One checklist per module, however many modules the course has (read from docs/modules/).
    assert len(checklists) == sum(1 for d in (ROOT / "docs/modules").iterdir() if d.is_dir())
    for title, behaviours in checklists:
        on = [sheet for sheet in sheets if title in sheet]
        assert len(on) == 1, f"'{title}' on {len(on)} sheets"
        sheet = on[0]
        assert all(" ".join(b.split()[:3]) in sheet for b in behaviours), f"'{title}': every behaviour on its sheet"
        assert "Sign-off" in sheet and "Manager" in sheet and "Team leader" in sheet, f"'{title}': its sign-off"
        assert sum(t in sheet for t, _ in checklists) == 1, f"'{title}' shares its sheet"
    assert watch.take() == []
    context.close()


def test_the_plan_prints_its_aims_whole_and_each_review_on_one_sheet(browser, server, tmp_path):
    """The plan as it goes to a review: a long answer prints in full rather than cut at the
    box's edge, and no review table is split across two sheets."""
    context, watch = open_context(browser, server, "light")
    page = context.new_page()
    visit(page, server + "floor/plan/")
    aims = "\n".join(f"Aim {n}: by day {n * 9}, something I will do and how my manager will see it." for n in range(1, 16))
    box = page.get_by_label("Your answer to \u201cWrite your day-30 aims\u201d")
    box.fill(aims)
    sheets = printed_pages(page, tmp_path)
    printed = " ".join(sheets)
    assert all(f"Aim {n}: by day {n * 9}," in printed for n in range(1, 16)), "the whole answer shows on paper"
    for day in (30, 60, 90):
        sheet = next(s for s in sheets if f"Day-{day} review with your manager" in s)
        after = sheet.split(f"Day-{day} review with your manager", 1)[1]
        assert "Your manager's signature" in after and "Your signature" in after, f"the day-{day} review is whole"
    # The whole-course print and its PDF carry no notebook boxes: lines to write the aims on instead.
    page.emulate_media(media="print")
    assert page.locator(".floor-aims-space:visible").count() == 0
    visit(page, server + "print_page/")
    assert page.locator("#print-course .floor-aims-space:visible").count() == 3
    assert watch.take() == []
    context.close()


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
        assert page.locator("h1").first.inner_text().strip() == "We cannot find that page"
        # A way on, in the course's voice: home, search and every module, from any depth.
        links = page.locator(".md-content a").evaluate_all("as => as.map(a => [a.textContent.trim(), a.href])")
        assert ("Go to the course home", server) in [tuple(link) for link in links]
        modules = [href for text, href in links if "/modules/" in href]
        expected = len([p for p in (ROOT / "docs/modules").iterdir() if p.is_dir()])
        assert len(modules) == expected and all(href.startswith(server + "modules/") for href in modules)
        page.locator("label.course-search-link").click()
        page.locator("input.md-search__input").wait_for(state="visible")
        assert page.evaluate("document.getElementById('__search').checked")
        page.keyboard.press("Escape")
        # Styled means the stylesheet loaded from the right place, not the sub-path's root.
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        home = page.locator(".md-header__button.md-logo").get_attribute("href")
        assert page.evaluate("h => new URL(h, location.href).href", home) == server
        problems += watch.take() + axe_violations(page)
    context.close()
    assert not problems, "\n".join(problems)


def quiz_pages(site) -> list[str]:
    return [p for p in page_paths(site) if re.search(r'<div class="?quiz[ ">]', (site / p / "index.html").read_text())]


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
        button = quiz.locator("button:not([type=button])")
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
