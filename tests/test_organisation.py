"""The course built with an organisation's own settings filled in as organisation.yml's
comments suggest (tests/data/organisation-filled.yml), beside the shipped empty file that
every other test builds: sentences still read, links still pass axe, every setting is used,
and the policies page shows each address (issue 23: M7, M8, m14, m25 of the new-user walk)."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from browsing import PHONE, axe_violations, open_context, visit
from conftest import ROOT, copy_project, page_paths, serve, strict_build
from test_browser import sweep

FILLED = ROOT / "tests/data/organisation-filled.yml"
SUMMARIES = ["modules/06-running-the-floor/summary/", "modules/07-people-processes/summary/",
             "modules/08-wellbeing-and-customers/summary/"]


@pytest.fixture(scope="module")
def filled_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("filled-project"))
    (project / "organisation.yml").write_bytes(FILLED.read_bytes())
    site_dir = tmp_path_factory.mktemp("filled-site")
    result = strict_build(project, site_dir)
    assert result.returncode == 0, f"strict build with {FILLED.name} failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


@pytest.fixture(scope="module")
def filled_server(filled_site):
    with serve(filled_site) as url:
        yield url


class Blocks(HTMLParser):
    """The words of a page's article, one string per paragraph, list item or cell; the
    paragraphs and list items alone (running text, not a table's cells); and its links as
    (href, words)."""

    BLOCKS = {"p", "li", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self):
        super().__init__()
        self.depth = 0  # inside <article>
        self.stack: list[list[str]] = []
        self.tags: list[str] = []
        self.blocks: list[str] = []
        self.prose: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.link: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        elif self.depth and tag in self.BLOCKS:
            self.stack.append([])
            self.tags.append(tag)
        elif self.depth and tag == "a":
            self.link = (dict(attrs).get("href") or "", [])

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1
        elif self.depth and tag in self.BLOCKS and self.stack:
            self.blocks.append(" ".join("".join(self.stack.pop()).split()))
            if self.tags.pop() in {"p", "li", "dd"}:
                self.prose.append(self.blocks[-1])
        elif tag == "a" and self.link:
            self.links.append((self.link[0], " ".join("".join(self.link[1]).split())))
            self.link = None

    def handle_data(self, data):
        if self.stack:
            self.stack[-1].append(data)
        if self.link:
            self.link[1].append(data)


def blocks(site_dir: Path, page: str) -> Blocks:
    parser = Blocks()
    parser.feed((site_dir / page / "index.html").read_text(encoding="utf-8"))
    return parser


def contacts_as_shown() -> list[str]:
    """Each filled-in contact as the pages show it, e.g. "the HR advice line (extension 4410)"."""
    import shutil
    import tempfile

    from courseware.model import organisation

    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(FILLED, Path(folder) / "organisation.yml")
        values = organisation.load(Path(folder)).values
    return [value for key, value in values.items() if key.startswith("contacts.") and value]


# --- M7: the settings' shape and the sentences that use them ----------------------------------

@pytest.mark.parametrize("text, shown", [
    ("contacts:\n  hr:\n    name: the HR advice line\n    detail: extension 4410\n",
     "the HR advice line (extension 4410)"),
    ("contacts:\n  hr:\n    name: the HR advice line\n    detail: ~\n", "the HR advice line"),
    ("contacts:\n  hr:\n    detail: extension 4410\n", "your HR team (extension 4410)"),
    ("contacts:\n  hr: HR advice line, extension 4410\n", "your HR team (HR advice line, extension 4410)"),
])
def test_a_contact_is_a_name_and_a_detail_that_fit_a_sentence(tmp_path, text, shown):
    """M7 (new-user walk): a contact is the name a sentence says plus a detail in brackets,
    the course's own words standing in for a missing name; a one-line contact, as the old
    comments invited, is a detail, so it can no longer start or break a sentence."""
    from courseware.model import organisation

    (tmp_path / "organisation.yml").write_text(text)
    org = organisation.load(tmp_path)
    out = organisation.render("Ask {{ org.contacts.hr }} first.", org, "a.md")
    assert out.replace("&#40;", "(").replace("&#41;", ")") == f"Ask {shown} first."
    assert "contacts.hr" not in org.unset()


@pytest.mark.parametrize("text, message", [
    ("contacts:\n  hr:\n    name: ~\n    detail: ~\n", None),
    ("contacts:\n  hr:\n    name: HR\n    phone: 4410\n",
     r"organisation\.yml:4: 'contacts\.hr' has a name and a detail \('name: …', 'detail: …'\), not 'phone'"),
    ("contacts:\n  hr:\n    name: yes\n", r"organisation\.yml:3: 'contacts\.hr\.name' must be text, "
                                           r"and YAML reads this value as true: put it in quotes"),
    ("contacts:\n  hr:\n    detail: [4410, 4411]\n", r"organisation\.yml:3: 'contacts\.hr\.detail' must be one line"),
])
def test_a_contact_left_empty_or_malformed(tmp_path, text, message):
    """M7 (new-user walk): an empty name and detail is unset (the placeholder shows); a
    wrong part stops the build at its line."""
    from courseware.model import organisation
    from courseware.model.errors import CourseError

    (tmp_path / "organisation.yml").write_text(text)
    if message is None:
        assert "contacts.hr" in organisation.load(tmp_path).unset()
    else:
        with pytest.raises(CourseError, match=message):
            organisation.load(tmp_path)


def test_the_shipped_file_offers_each_contact_as_a_name_and_a_detail():
    """M7 (new-user walk): the comments invite what the sentences take."""
    import yaml

    contacts = yaml.safe_load((ROOT / "organisation.yml").read_text(encoding="utf-8"))["contacts"]
    assert all(value == {"name": None, "detail": None} for value in contacts.values()), contacts


def test_filled_in_contacts_read_as_sentences(filled_site):
    """M7 (new-user walk): built with a realistic organisation.yml, the lessons that name a
    contact read as sentences: "Care First (0800 …)" in place of "your employee assistance
    programme", never a contact's free text as the subject of a sentence."""
    expected = {
        "modules/08-wellbeing-and-customers/after-a-hard-contact/":
            "Keep the details of Care First (0800 000 0000, free and confidential, 24 hours) where your team "
            "can find them.",
        "modules/08-wellbeing-and-customers/stress-burnout-and-you/":
            "Point to support: Care First (0800 000 0000, free and confidential, 24 hours), occupational health "
            "(referral form on the HR portal, extension 4420) where health and work affect each other, and the "
            "wellbeing policy.",
        "modules/06-running-the-floor/summary/":
            "Ask the real-time desk (extension 4000) which actions you may take on your own when the queue builds",
        "modules/07-people-processes/absence-and-return-to-work/":
            "Ask occupational health (referral form on the HR portal, extension 4420) how a referral works",
    }
    missing = [f"{page}: {sentence}" for page, sentence in expected.items()
               if not any(sentence in block for block in blocks(filled_site, page).blocks)]
    assert not missing, "\n".join(missing)

    contacts = contacts_as_shown()
    starts = []
    for path in page_paths(filled_site):
        for block in blocks(filled_site, path).prose:
            for sentence in re.split(r"(?<=[.!?])\s+", block):
                if any(sentence.startswith(c) and c[0].islower() for c in contacts):
                    starts.append(f"{path}: {sentence[:120]}")
    assert not starts, "a sentence starts with a contact's words:\n" + "\n".join(starts)


# --- m14: every setting is used ---------------------------------------------------------------

def test_every_organisation_setting_is_used_by_a_page():
    """m14 (new-user walk): a setting no page names does nothing for the organisation that
    fills it in. (The LMS settings go to the packages and the question banks, not a page.)"""
    from courseware.model.organisation import REFERENCE, SETTINGS

    used = {m["key"] for source in [*ROOT.glob("docs/**/*.md"), *ROOT.glob("quizzes/*.yml")]
            for m in REFERENCE.finditer(source.read_text(encoding="utf-8"))}
    assert set(SETTINGS) - used - {"lms.mastery_score", "lms.assessment_questions", "lms.assessment_pass_mark"} == set()


def test_the_organisation_name_and_quality_target_show_in_the_course(filled_site):
    """m14 (new-user walk): the organisation's name on the home page, its quality target in
    the quality lesson; empty, the home page says "your organisation", with no placeholder."""
    from courseware.model import organisation

    home = blocks(filled_site, "").blocks
    assert any("Where Northfield Energy has its own policy, contact or target, the lessons name it" in b
               for b in home), home
    quality = blocks(filled_site, "modules/06-running-the-floor/quality-beyond-the-score/").blocks
    assert any("Know your team's target, too: an average QA score of 85% or more." in b
               for b in quality)
    empty = organisation.render((ROOT / "docs/index.md").read_text(encoding="utf-8"),
                                organisation.Organisation({}), "index.md")
    assert "Where\nyour organisation has its own policy" in empty or \
        "Where your organisation has its own policy" in " ".join(empty.split())


def test_the_whole_course_opens_with_a_cover_that_names_the_organisation(filled_site):
    """m12 (new-user walk): the whole course, printed from its print page or released as a
    PDF, began with "Table of Contents". It opens with a cover: the course's title and what
    it is, then the organisation's name from organisation.yml. A working build is no
    release, so no version; the release's PDF test checks the version, date and bookmarks."""
    cover = blocks(filled_site, "print_page/").blocks[:4]
    assert cover[:3] == ["Leading a contact-centre team",
                         "A self-study and classroom course for new contact-centre supervisors.",
                         "Northfield Energy"], cover
    assert cover[3] == "Table of Contents", "the contents follow the cover"


# --- m25: the policies page shows each address ------------------------------------------------

def test_the_organisation_page_shows_each_policy_address(filled_site):
    """m25 (new-user walk): whoever fills in organisation.yml can check every policy's
    address on "Your organisation's policies and contacts": each is a link whose words are
    its address."""
    import yaml

    policies = yaml.safe_load(FILLED.read_text(encoding="utf-8"))["policies"]
    links = blocks(filled_site, "reference/organisation/").links
    missing = [url for url in policies.values() if (url, url) not in links]
    assert not missing, (missing, links)


# --- M8: filled-in policy links pass axe --------------------------------------------------------

@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_filled_in_policy_links_pass_axe_on_the_notebook_and_summaries(browser, filled_server, scheme):
    """M8 (new-user walk): policy links in running text (an action-plan item on a summary and
    in My notebook) are underlined, so axe's link-in-text-block passes, and nothing else fails."""
    context, watch = open_context(browser, filled_server, scheme)
    page = context.new_page()
    report = {}
    for path in ["notebook/", *SUMMARIES]:
        visit(page, filled_server + path)
        links = page.locator("article a[href^='https://intranet.northfield.example/']")
        assert links.count(), f"{path}: no policy link"
        plain = [links.nth(i).inner_text() for i in range(links.count())
                 if "underline" not in links.nth(i).evaluate("a => getComputedStyle(a).textDecorationLine")]
        problems = watch.take() + axe_violations(page) + [f"not underlined: {text}" for text in plain]
        if problems:
            report[path] = problems
    context.close()
    assert not report, "\n".join(f"{p}:\n  " + "\n  ".join(v) for p, v in report.items())


def pages_with_settings(site: Path) -> list[str]:
    """The pages an organisation's settings change: those whose source writes {{ org.… }}
    (lessons, summaries, home), My notebook, which gathers the summaries' plan items, and
    the policies page itself. The rest are the
    same pages the every-page sweep in test_browser.py already checks, so they are not
    swept a second time (that cost the suite half an hour on a two-core machine)."""
    sources = {p.relative_to(ROOT / "docs").with_suffix("").as_posix() for p in (ROOT / "docs").rglob("*.md")
               if "{{ org." in p.read_text(encoding="utf-8")}
    wanted = {("" if src == "index" else src.removesuffix("/index") + "/") for src in sources}
    wanted.update({"reference/organisation/", "notebook/"})  # the policies page; the plan items it gathers
    return [path for path in page_paths(site) if path in wanted]


@pytest.mark.parametrize("scheme, device", [("light", None), ("light", PHONE)], ids=["light", "phone"])
def test_every_page_with_a_filled_in_organisation_is_clean_and_accessible(browser, filled_site, filled_server,
                                                                         scheme, device):
    """M8 (new-user walk): the every-page sweep of test_browser.py (no outside request, no
    failed load, no console error, no axe violation) on every page a filled-in
    organisation.yml changes, where settings are links and words rather than placeholders.
    The dark palette is checked on the pages with policy links by the test above."""
    pages = pages_with_settings(filled_site)
    assert len(pages) >= 20 and "notebook/" in pages and "reference/organisation/" in pages, pages
    report = sweep(browser, filled_server, pages, scheme, device)
    assert not report, "\n".join(f"{p}:\n  " + "\n  ".join(v) for p, v in report.items())
