"""Editions (courseware/model/edition.py): the learner edition leaves out the trainers' section,
on its own and in a real strict build: no page, link, search entry, sitemap entry or print
section of it; the full edition keeps it; a wrong setting stops the build with a clear error."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from conftest import CONFIG, ROOT

from courseware.model import edition
from courseware.model.errors import CourseError


def test_the_learners_nav_drops_every_trainers_page_and_empty_sections():
    nav = [{"Home": ["index.md", "progress.md"]},
           {"Trainers": ["trainers/index.md", {"Session plans": ["trainers/plans/01.md"]},
                         {"Answer keys": [{"Foundations": "trainers/answer-keys/01.md"}]}]},
           {"Reference": ["reference/index.md", {"Schedule": "trainers/schedule.md"}]}]
    assert edition.learners_nav(nav) == [{"Home": ["index.md", "progress.md"]}, {"Reference": ["reference/index.md"]}]


def test_trainers_only_parts_leave_a_learners_page():
    page = "# Home\n\nFor all.\n\n<!-- trainers-only -->\n## For trainers\n\nA [link](trainers/index.md).\n" \
           "<!-- /trainers-only -->\n\nFor all again.\n"
    assert edition.learners_markdown(page, "index.md") == "# Home\n\nFor all.\n\n\nFor all again.\n"


def test_a_trainers_only_marker_without_its_partner_fails_at_its_line():
    with pytest.raises(CourseError) as error:
        edition.learners_markdown("# Home\n\n<!-- trainers-only -->\nSecret.\n", "index.md")
    assert str(error.value).startswith("docs/index.md:3: '<!-- trainers-only -->' has no partner")


def test_an_unknown_edition_names_the_setting_and_the_choices():
    assert edition.checked("learner") == "learner"
    with pytest.raises(CourseError, match=r"extra.edition in mkdocs.yml \(COURSE_EDITION\) is 'teachers': "
                                          "use full or learner"):
        edition.checked("teachers")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.targets = []

    def handle_starttag(self, tag, attrs):
        self.targets += [value for name, value in attrs if name in ("href", "src") and value]


def build(site, edition_name):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
           "COURSE_EDITION": edition_name}
    return subprocess.run([sys.executable, "-m", "properdocs", "build", "-f", CONFIG, "--strict", "-d", str(site)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def learner_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("learner")
    result = build(site, "learner")
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_the_learner_edition_has_no_trainers_page_or_link_to_one(learner_site):
    assert not (learner_site / "trainers").exists()
    for page in learner_site.rglob("*.html"):
        links = Links()
        links.feed(page.read_text(encoding="utf-8"))
        bad = [t for t in links.targets if "trainers/" in t]
        assert bad == [], f"{page.relative_to(learner_site)} links to {bad}"
    index = json.loads((learner_site / "search/search_index.json").read_text(encoding="utf-8"))
    assert [d["location"] for d in index["docs"] if d["location"].startswith("trainers/")] == []
    assert "trainers/" not in (learner_site / "sitemap.xml").read_text(encoding="utf-8")
    home = (learner_site / "index.html").read_text(encoding="utf-8")
    assert "For trainers" not in home and "trainers-only" not in home
    said = (learner_site / "reference/organisation/index.html").read_text(encoding="utf-8")
    assert "This is the <strong>learner edition</strong>" in said


def test_the_full_edition_keeps_the_trainers_section_and_says_so(site):
    assert (site / "trainers/answer-keys/01-foundations/index.html").exists()
    assert (site / "trainers/conversations/index.html").exists()
    assert "For trainers" in (site / "index.html").read_text(encoding="utf-8")
    said = (site / "reference/organisation/index.html").read_text(encoding="utf-8")
    assert "This is the <strong>full edition</strong>" in said


def test_a_wrong_edition_stops_the_build_with_the_setting_named(tmp_path):
    result = build(tmp_path / "site", "teachers")
    assert result.returncode != 0
    assert "extra.edition in mkdocs.yml (COURSE_EDITION) is 'teachers': use full or learner" in \
        result.stdout + result.stderr
