"""The strict build passes on the course, and fails, naming the cause, on each mistake
an author or a config change can make."""
from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import CONFIG, ROOT, copy_project, page_paths, strict_build
from courseware.html import printing
from courseware.model import glossary

LESSON = "docs/modules/01-foundations/managing-and-leading.md"


def test_strict_build_passes(site):
    assert (site / "index.html").exists()
    assert (site / "404.html").exists()
    assert (site / "search" / "search_index.json").exists()


def test_every_nav_section_has_its_pages(site):
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    sections = [next(iter(item)) for item in config["nav"]]
    assert sections == ["Home", "Foundations", "Coaching", "Setting a path", "Communication",
                        "Building a legacy", "Running the floor", "People processes", "Wellbeing and customers",
                        "Your week and your team", "Serving a client", "On the floor", "Reference", "Trainers"]
    for path in page_paths(site):
        assert (site / path / "index.html").stat().st_size > 0


def append(path: Path, text: str):
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def break_link(project):
    append(project / LESSON, "\nSee [the missing page](no-such-page.md).\n")


def break_anchor(project):
    append(project / LESSON, "\nSee [a missing section](summary.md#no-such-heading).\n")


def unknown_config_key(project):
    append(project / "mkdocs.yml", "\nnot_a_real_setting: true\n")


def page_not_in_nav(project):
    (project / "docs" / "orphan.md").write_text("# An orphan page\n\nNot in the nav.\n")


def external_image(project):
    append(project / LESSON, '\n![A chart](https://cdn.example.com/chart.png)\n')


def external_script(project):
    append(project / "mkdocs.yml", "\nextra_javascript:\n  - https://cdn.example.com/analytics.js\n")


def bad_organisation_setting(project):
    (project / "organisation.yml").write_text("policies:\n  absence: see the HR intranet\n")


def broken_glossary(project):
    append(project / "docs/reference/glossary.md", "\n### \n\n")


@pytest.mark.parametrize("mistake, message", [
    (break_link, r"no-such-page\.md"),
    (break_anchor, r"no-such-heading"),
    (unknown_config_key, r"not_a_real_setting"),
    (page_not_in_nav, r"orphan\.md"),
    (external_image, r"cdn\.example\.com"),
    (external_script, r"cdn\.example\.com"),
    (broken_glossary, r"docs/reference/glossary\.md:\d+: a glossary entry needs"),
    (bad_organisation_setting, r"organisation\.yml:2: 'policies\.absence' must be a web address"),
], ids=lambda v: getattr(v, "__name__", None))
def test_strict_build_fails_on(tmp_path, mistake, message):
    project = copy_project(tmp_path / "project")
    mistake(project)
    result = strict_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"the build passed despite {mistake.__name__}:\n{output}"
    assert re.search(message, output), output


def test_inline_code_in_a_source_stops_the_build_at_its_line(tmp_path):
    """DEF-6: the policy was made from the output, so an inline script in a lesson was let
    through by its hash, and a javascript: link or a style attribute shipped in the offline
    and LMS copies, which have no policy. Each now stops the build at the line that made it."""
    project = copy_project(tmp_path / "project")
    lesson = project / LESSON
    start = len(lesson.read_text(encoding="utf-8").splitlines())
    append(lesson, "\n<script>document.title = 'PWNED'</script>\n\n<p style=\"color:red\">Red</p>\n\n"
                   "A note.\n{ onclick=\"alert(1)\" }\n\n[More](javascript:void(0))\n")
    result = strict_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    for offset, what in [(1, "an inline script"), (3, "a style attribute"), (6, r"an event handler \(onclick=\)"),
                         (8, "a javascript: address")]:
        assert re.search(rf"{re.escape(LESSON)}:{start + offset}: {what} reaches the page", output), output

    project = copy_project(tmp_path / "project2")
    bank = project / "quizzes/01-foundations.yml"
    lines = bank.read_text(encoding="utf-8").splitlines()
    at = next(n for n, row in enumerate(lines) if row.strip() == "explanation: >-")  # a folded block
    indent = lines[at + 1][:len(lines[at + 1]) - len(lines[at + 1].lstrip())]
    lines.insert(at + 1, f"{indent}[Why](data:text/html,hi)")
    bank.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = strict_build(project, tmp_path / "site2")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert f"quizzes/01-foundations.yml:{at + 2}: a data: address reaches the page" in output, output


def test_organisation_settings_show_in_the_pages_set_and_unset(site, tmp_path):
    """Unset (as shipped): a marked placeholder. Set: the organisation's own link."""
    lesson = "modules/04-communication/listening-and-feedback/index.html"
    placeholder = re.search(r'<span\b[^>]*\bclass="?org-unset"?[^>]*>(.*?)</span>', (site / lesson).read_text())
    assert placeholder and re.sub(r"<[^>]+>", "", placeholder.group(1)) == \
        "your employee assistance programme (ask your HR team)"
    project = copy_project(tmp_path / "project")
    (project / "organisation.yml").write_text("name: Northfield Energy\ncontacts:\n"
                                              "  employee_assistance: Care First, 0800 000 0000\n")
    result = strict_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "site" / lesson).read_text()
    assert "Care First, 0800 000 0000" in html and "your employee assistance programme (ask" not in html
    reference = (tmp_path / "site/reference/organisation/index.html").read_text()
    assert "Northfield Energy" in reference and "Care First" in reference


def test_no_external_host_in_built_html(site):
    """A fast guard beside the browser test: no src or stylesheet href names another host."""
    offenders = []
    for html in site.rglob("*.html"):
        for m in re.finditer(r'<(?:script|img|iframe|source|link)\b[^>]*?(?:src|href)="?(https?:)?//([^"/> ]+)', html.read_text()):
            tag = m.group(0)
            if tag.startswith("<link") and not re.search(r'rel="?(stylesheet|preload|prefetch|icon|modulepreload)', tag):
                continue  # canonical and alternate links are not fetched
            offenders.append(f"{html.relative_to(site)}: {m.group(2)}")
    assert not offenders, offenders


def test_pages_load_hashed_course_files(site):
    """Each page, the print page too, points at the content-hashed copies of the course's own
    files (cached for a year)."""
    plain = re.compile(r'(?:src|href)="?[^" >]*assets/(?:javascripts|stylesheets)/[\w-]+\.(?:js|css)[" >]')
    problems = []
    for html in sorted(site.rglob("index.html")):
        text, where = html.read_text(), html.relative_to(site).as_posix()
        problems += [f"{where}: {m.group(0)}" for m in plain.finditer(text)]
    assert not problems, problems[:10]
    home = (site / "index.html").read_text()
    assert re.search(r'src="?assets/javascripts/store\.[0-9a-f]{8}\.js', home)
    links = re.findall(r"<link\b[^>]*>", home)
    assert any(re.search(r'\brel="?prefetch', link) and re.search(r'href="?assets/quiz/quiz\.[0-9a-f]{8}\.js', link)
               for link in links), "home prefetches the quiz script a lesson needs"


class PrintPage(HTMLParser):
    """The print page as a reader of its HTML sees it: its parts in order, every id, the
    contents' links and every other link in the course's part of the page."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.ids: list[str] = []
        self.contents: list[str] = []
        self.links: list[str] = []
        self.crossing = 0  # links from one page's part to another's
        self.inline_code = 0
        self._part = ""
        self._in = ""  # "contents" or "course" while inside them

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if attrs.get("id") == "print-course":
            self._in = "course"
        if attrs.get("id") == "print-contents":
            self._in = "contents"
        if tag == "section" and attrs.get("class") == "print-page":
            self._part = attrs.get("id", "")
            self.parts.append(self._part)
        if tag == "a" and "href" in attrs and self._in:
            href = attrs["href"]
            (self.contents if self._in == "contents" else self.links).append(href)
            if self._in == "course" and self._part and href.startswith("#"):
                self.crossing += href[1:] != self._part and not href[1:].startswith(self._part + "-")
        if tag in ("script", "style") and self._in or any(name.startswith("on") or name == "style" for name in attrs):
            self.inline_code += 1

    def handle_endtag(self, tag):
        if tag == "nav" and self._in == "contents":
            self._in = "course"
        if tag == "article":
            self._in = ""


def nav_sources(items) -> list[str]:
    """The source paths of mkdocs.yml's nav, in order."""
    found = []
    for item in items:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        found += nav_sources(value) if isinstance(value, list) else [value]
    return found


def test_the_print_page_is_the_whole_course_in_order_with_links_inside_it(site):
    """The course's own print page (courseware/html/printing.py): every printed page of the nav
    once, in the nav's order; a contents list whose links all land; every link to another
    page or heading of the course made a link within the page; no inline code (CSP)."""
    html = (site / "print_page/index.html").read_text(encoding="utf-8")
    page = PrintPage()
    page.feed(html)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    urls = [source[:-len("index.md")] if source.endswith("index.md") else source[:-3] + "/"
            for source in nav_sources(config["nav"]) if printing.printed(source)]
    assert len(urls) > 50
    assert page.parts == [printing.part_id(url) for url in urls], "each printed page once, in the nav's order"
    assert len(page.ids) == len(set(page.ids)), "no id twice"
    assert set(page.parts) <= set(href[1:] for href in page.contents), "the contents list every page"
    assert all(href[1:] in page.ids for href in page.contents), "every contents link lands on the page"
    other_pages = [href for href in page.links if not href.startswith("#") and not re.match(r"[a-z]+:", href)]
    assert other_pages == [], f"links that leave the print page for a course page: {other_pages[:5]}"
    dead = [href for href in page.links if href.startswith("#") and href[1:] not in page.ids]
    assert dead == [], dead[:5]
    assert page.crossing > 100, "the lessons' links to each other lead within the page"
    assert page.inline_code == 0
    home = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="?md-tabs__link"? href="?print_page/"?>\s*Print the whole course', home), \
        "the last tab leads to it, at the same address as ever"
    assert "print_page" not in (site / "sitemap.xml").read_text() + (site / "search/search_index.json").read_text()


def test_no_print_site_file_or_reference_anywhere(site):
    """mkdocs-print-site-plugin is gone: none of its files is published, and no page names one."""
    files = [path.relative_to(site).as_posix() for path in site.rglob("*print-site*")]
    assert files == []
    named = [path.relative_to(site).as_posix() for path in site.rglob("*.html") if "print-site" in path.read_text()]
    assert named == []


# A strict build with the whole-course check and the module reader counted as they are
# called (the real functions, wrapped before the engine loads the hook).
COUNTED_BUILD = """
import collections, json, sys
import courseware.model.course as course
calls = collections.Counter()
def counted(name):
    real = getattr(course, name)
    def spy(*args, **kwargs):
        calls[name] += 1
        return real(*args, **kwargs)
    setattr(course, name, spy)
for name in ("check_course", "module_info"):
    counted(name)
from properdocs.__main__ import cli
try:
    cli(["build", "-f", sys.argv[1], "--strict", "-q", "-d", sys.argv[2]])
except SystemExit as end:
    status = end.code
print(json.dumps({"calls": calls, "status": status}))
"""


def test_a_build_checks_the_course_once(tmp_path):
    """Issue 24: the course model is built once per build. The review page's and the quiz
    steps' two whole-course checks are one, and the notebook reuses its module overviews."""
    result = subprocess.run([sys.executable, "-c", COUNTED_BUILD, CONFIG, str(tmp_path / "site")], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["status"] == 0, result.stderr
    modules = len([path for path in (ROOT / "docs/modules").iterdir() if (path / "index.md").exists()])
    assert report["calls"] == {"check_course": 1, "module_info": modules}, report


def test_glossary_terms_become_tooltips(site):
    html = (site / "modules/03-setting-a-path/metrics-that-matter/index.html").read_text()
    definition = glossary.tooltips((ROOT / "docs/reference/glossary.md").read_text())["AHT"]
    tooltips = re.findall(r'<abbr title="?([^">]+)"?(?: tabindex="?0"?)?>AHT</abbr>', html)  # focusable: M11
    assert tooltips == [definition], "AHT carries the glossary's first sentence, at its first use only"
    assert html.count("AHT") > 1


def test_serve_redirects_to_the_course(tmp_path):
    """What `make serve` runs: the course answers at the server's root, under /training/."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "properdocs", "serve", "-f", "mkdocs.yml", "--dev-addr", f"127.0.0.1:{port}",
         "--livereload"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        # Until its first build is done, the server may answer its root with nothing to redirect
        # to (seen in CI under load), so it is asked again until the course is there.
        deadline, page = time.monotonic() + 120, None
        while time.monotonic() < deadline and (page is None or "<h1" not in page[1]):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    page = (response.geturl(), response.read().decode())
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()
            if page is None or "<h1" not in page[1]:
                time.sleep(0.5)
        assert page, "properdocs serve did not answer within two minutes"
        assert page[0] == f"http://127.0.0.1:{port}/training/"
        assert "<h1" in page[1] and "Leading a contact-centre team" in page[1]
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_licence_is_in_the_repository_and_in_every_page_footer(site):
    """Issue 22: "Internal training material" and no licence file stopped anyone adopting it."""
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Creative Commons Attribution 4.0" in licence and "MIT licence" in licence
    assert "quizzes/*.yml" in licence and "courseware/" in licence, "LICENSE says which files are which"
    for page in ("index.html", "modules/01-foundations/managing-and-leading/index.html", "404.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "creativecommons.org/licenses/by/4.0/" in html and "MIT licence" in html, page
        assert "Internal training material" not in html


def _title(html: str) -> str:
    from html.parser import HTMLParser

    class Title(HTMLParser):
        text, inside = "", False

        def handle_starttag(self, tag, attrs):
            self.inside = self.inside or tag == "title"

        def handle_endtag(self, tag):
            self.inside = self.inside and tag != "title"

        def handle_data(self, data):
            self.text += data if self.inside else ""
    parser = Title()
    parser.feed(html)
    return parser.text.strip()


def test_the_home_page_title_names_the_course_once(site):
    """m4 (new-user walk): the home page sits under the Home tab, so the theme did not know it
    as the home page and titled it "Leading a contact-centre team - Leading a contact-centre
    team" in the browser tab and bookmarks."""
    name = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)["site_name"]
    assert _title((site / "index.html").read_text(encoding="utf-8")) == name
    lesson = _title((site / "modules/01-foundations/managing-and-leading/index.html").read_text(encoding="utf-8"))
    assert lesson.endswith(f" - {name}") and lesson.count(name) == 1, lesson


def test_the_quiz_translation_file_is_not_published(site):
    """m3 (new-user walk): mkdocs-quiz-en.po sat in the theme's folder, so every build published
    it at the site root, and with it the offline zip and the LMS packages, which are copies of
    the build. Its words still reach the quizzes."""
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*.po")) == []
    lesson = (site / "modules/01-foundations/managing-and-leading/index.html").read_text(encoding="utf-8")
    assert "Check my answer" in lesson and "Try again" in lesson


def _reader_text(html: str) -> str:
    """A page's words as a reader meets them: its text and description, no script or style."""
    from html.parser import HTMLParser

    class Words(HTMLParser):
        def __init__(self):
            super().__init__()
            self.words, self.hidden = [], 0

        def handle_starttag(self, tag, attrs):
            self.hidden += tag in ("script", "style")
            if tag == "meta" and dict(attrs).get("name") == "description":
                self.words.append(dict(attrs).get("content") or "")

        def handle_endtag(self, tag):
            if tag in ("script", "style") and self.hidden:
                self.hidden -= 1

        def handle_data(self, data):
            if not self.hidden:
                self.words.append(data)
    parser = Words()
    parser.feed(html)
    return " ".join(" ".join(parser.words).split())


AUTHORING_WORDS = re.compile(r"\bseeds?\b", re.I)


def test_no_page_or_search_result_uses_the_authors_word_seed(site):
    """m13 (new-user walk): the Sources page, and so the last page of the PDF, spoke of "the
    two seed documents that the course grows from", "Seed A/Seed B" and "Idea from the
    seeds": the authors' words for the two articles the course began with. No page, the
    print page (the PDF) included, and no search result uses them."""
    import json

    found = []
    for path in page_paths(site):
        text = _reader_text((site / path / "index.html").read_text(encoding="utf-8"))
        found += [f"{path or 'home'}: …{text[max(0, m.start() - 50):m.end() + 50]}…"
                  for m in AUTHORING_WORDS.finditer(text)]
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    found += [f"search: {doc['location']}" for doc in index["docs"]
              if AUTHORING_WORDS.search(doc["title"] + " " + doc["text"])]
    assert not found, "\n".join(found)
    sources = _reader_text((site / "reference/sources/index.html").read_text(encoding="utf-8"))
    for source in ("Deloitte (2013)", "Belding Group (2015)", "USA Today (August 2014)"):
        assert source in sources, f"the Sources page still names {source}"
