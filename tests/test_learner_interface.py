"""What a learner and a trainer meet on the screen, desktop (1280x800) and phone (390x844):
glossary terms, progress bars, Copy link, the review page's words, My progress's buttons,
and the home page's way on. Each test names the defect of the new-user walk it covers
(../shared/reference/reviews-2026-12/new-user-walk.md)."""
from __future__ import annotations

import re
from html.parser import HTMLParser

from browsing import PHONE, axe_violations, open_context, visit
from courseware.model import glossary
from conftest import ROOT

LESSON = "modules/03-setting-a-path/metrics-that-matter/"  # AHT is first used in running text


def test_glossary_terms_show_their_definition_to_touch_and_keyboard(browser, server):
    """M11 (new-user walk): a tap on a phone, or the Tab key, shows a term's definition as
    pointing does; Escape hides it; screen readers get it as the term's description; the
    home page says so."""
    definition = glossary.tooltips((ROOT / "docs/reference/glossary.md").read_text())["AHT"]
    context, watch = open_context(browser, server, "light", PHONE)
    page = context.new_page()
    visit(page, server + LESSON)
    term = page.locator(".md-content p abbr", has_text=re.compile(r"^AHT$")).first
    term.scroll_into_view_if_needed()
    term.tap()
    tip = page.locator(".md-tooltip2", has_text=definition)
    tip.wait_for(state="visible", timeout=5000)
    box = tip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, "the definition fits the phone's screen"
    page.keyboard.press("Escape")
    tip.wait_for(state="hidden", timeout=5000)
    assert page.evaluate("document.activeElement.textContent") == "AHT", "Escape leaves focus where it was"
    assert watch.take() == []
    context.close()

    context, watch = open_context(browser, server, "light")
    page = context.new_page()
    visit(page, server + LESSON)
    page.locator(".md-content").first.evaluate("c => c.focus()")
    for _ in range(200):  # the Tab key reaches the term
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "AHT":
            break
    assert page.evaluate("document.activeElement.textContent") == "AHT"
    page.locator(".md-tooltip2", has_text=definition).wait_for(state="visible", timeout=5000)
    described = page.evaluate("""() => { const a = document.activeElement;
        const id = a.getAttribute('aria-describedby');
        return id ? document.getElementById(id).textContent : a.title; }""")
    assert definition in described, "a screen reader hears the definition with the term"
    assert axe_violations(page) == [] and watch.take() == []
    visit(page, server)
    home = page.locator(".md-content").inner_text()
    assert "tap it" in home and "Tab key" in home, "the home page says what works"
    context.close()


def test_progress_bars_keep_a_gap_from_their_sentence(browser, server):
    """m5 (new-user walk): the bar and its sentence never touch, on a desktop and a phone."""
    for device in (None, PHONE):
        context, watch = open_context(browser, server, "light", device)
        page = context.new_page()
        for path in ("", "modules/01-foundations/", "progress/"):
            visit(page, server + path)
            summary = page.locator(".course-progress__summary").first
            bar = summary.locator("progress").bounding_box()
            words = summary.locator("[data-progress-text]").evaluate(
                "s => { const r = s.getClientRects()[0]; return {x: r.x, y: r.y, bottom: r.bottom}; }")
            if words["y"] < bar["y"] + bar["height"]:  # beside the bar
                assert words["x"] - (bar["x"] + bar["width"]) >= 8, (path, device, bar, words)
            else:  # under it
                assert words["y"] - (bar["y"] + bar["height"]) >= 4, (path, device, bar, words)
        assert watch.take() == []
        context.close()


def test_one_copy_link_per_heading_and_none_in_the_way_on_a_phone(browser, server):
    """m8 (new-user walk): one control, one tab stop, per heading on a desktop; on a touch
    screen no heading carries a permanent button (a tap on the heading shows its Copy
    link), while each question keeps its own."""
    context, watch = open_context(browser, server, "light")
    page = context.new_page()
    visit(page, server + "modules/02-coaching/grow-and-sbi/")
    stops = page.evaluate("""() => [...document.querySelectorAll('.md-content h2[id]')].map(h =>
        [...h.querySelectorAll('a[href], button, [tabindex]')].filter(c => c.tabIndex >= 0).length)""")
    assert stops and set(stops) == {1}, stops
    assert watch.take() == []
    context.close()

    context, watch = open_context(browser, server, "light", PHONE)
    page = context.new_page()
    visit(page, server + "modules/02-coaching/grow-and-sbi/")
    widths = page.evaluate("""() => [...document.querySelectorAll('.md-content :is(h2, h3) .copy-link')]
        .map(c => c.getBoundingClientRect().width)""")
    assert widths and max(widths) <= 1, f"Copy link showing on headings: {widths}"
    heading = page.locator(".md-content h2[id]").nth(1)
    heading.scroll_into_view_if_needed()
    heading.tap()
    box = heading.locator(".copy-link").bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24, "a tap on the heading shows its Copy link"
    question = page.locator("div.quiz").first.locator(".copy-link")
    question.scroll_into_view_if_needed()
    qbox = question.bounding_box()
    assert qbox["width"] >= 24 and qbox["height"] >= 24, "a question's Copy link is always there"
    page.evaluate("window.scrollTo(0, 0)")
    assert axe_violations(page) == [] and watch.take() == []
    context.close()


def test_review_page_words_match_what_it_shows(browser, server):
    """m16 (new-user walk): a question on the review page is labelled by its place on its
    own page, not "Question 2 of 237" on a page that shows ten; the intro names the button
    by the words it carries."""
    context, watch = open_context(browser, server, "light")
    page = context.new_page()
    visit(page, server + "review/")
    page.locator(".review-controls[data-ready]").wait_for(state="attached")
    labels = page.locator("div.quiz:not(.review-hidden) .quiz-header-link").all_inner_texts()
    sources = page.locator(".review-from:not(.review-hidden) a").all_inner_texts()
    assert len(labels) == 10
    for label in labels:
        match = re.fullmatch(r"(?P<page>.+): question (?P<n>\d+) of (?P<of>\d+)", label)
        assert match and match["page"] in sources and int(match["n"]) <= int(match["of"]) < 20, label
    button = page.locator(".review-more").inner_text()
    intro = page.locator(".md-content p", has_text="When you want more").locator("strong").inner_text()
    assert button.startswith(intro), (intro, button)
    assert watch.take() == []
    context.close()


def test_clear_everything_is_not_dressed_as_the_main_action(browser, server):
    """m23 (new-user walk): on My progress, "Clear everything" is a quiet text button, not
    filled or boxed like "Save my progress to a file", on hover and focus too; still a
    24 px target that the keyboard reaches, with a visible focus."""
    for device in (None, PHONE):
        context, watch = open_context(browser, server, "light", device)
        page = context.new_page()
        visit(page, server + "progress/")
        clear = page.get_by_role("button", name="Clear everything")
        save = page.get_by_role("button", name="Save my progress to a file")
        style = "b => { const s = getComputedStyle(b); return [s.backgroundColor, s.borderTopWidth, s.fontWeight]; }"
        assert clear.evaluate(style) != save.evaluate(style)
        clear.focus()
        clear.hover()
        background, border, _ = clear.evaluate(style)
        assert background == "rgba(0, 0, 0, 0)" and border == "0px", (background, border)
        box = clear.bounding_box()
        assert box["height"] >= 24 and box["width"] >= 24
        assert watch.take() == [] and axe_violations(page) == []
        context.close()


class _FooterNext(HTMLParser):
    def __init__(self):
        super().__init__()
        self.href = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "md-footer__link--next" in (attrs.get("class") or "").split():
            self.href = attrs.get("href")


def test_home_page_next_goes_to_the_first_module(site):
    """m24 (new-user walk): the home page's footer "Next" starts the course, as "Start the
    course" does, not "My progress"."""
    parser = _FooterNext()
    parser.feed((site / "index.html").read_text())
    assert parser.href == "modules/01-foundations/"
