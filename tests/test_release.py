"""scripts/release.py in a temporary repository made from this working tree: two
releases, every refusal, reproducible archives, stable links, the tree behind real nginx
in Chromium, and the offline zip from file://."""
from __future__ import annotations

import gzip
import hashlib
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from assessment_pool import remove_pools, write_pool
from browsing import open_context, visit
from conftest import ROOT, html_errors


# Every test here reads the one pair of releases made by the `repo` fixture: one worker.
pytestmark = pytest.mark.xdist_group("release")

EPOCH = "1763856000 +0000"  # a fixed commit time, so two repositories match exactly
CHANGELOG = "\n## [1.0.0] - 2025-11-23\n\n- First release.\n\n## [1.1.0] - 2025-11-24\n\n- KPI page moved.\n"


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": EPOCH, "GIT_COMMITTER_DATE": EPOCH}
    return subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@localhost", *args],
                          cwd=repo, env=env, capture_output=True, text=True, check=True).stdout.strip()


def make_repo(path: Path) -> Path:
    """A repository holding this working tree (committed or not) in one commit."""
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                           capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, files):
        if (ROOT / name).is_file():
            (path / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, path / name)
    with open(path / "CHANGELOG.md", "a") as changelog:
        changelog.write(CHANGELOG)
    remove_pools(path)  # 1.0.0 has no module test; 1.1.0 adds a known one (write_pool)
    git(path, "init", "-q", "-b", "main")
    git(path, "add", "-A")
    git(path, "commit", "-qm", "Course")
    return path


SITE_URL = "https://intranet.example/training/"


def release(repo: Path, *args: str, site_url: str | None = SITE_URL) -> subprocess.CompletedProcess:
    """scripts/release.py in repo; a version is released for SITE_URL unless told otherwise."""
    if args and not args[0].startswith("-") and site_url:
        args = (*args, "--site-url", site_url)
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    return subprocess.run([sys.executable, "scripts/release.py", *args], cwd=repo, capture_output=True,
                          text=True, timeout=600, env={**env, "NO_MKDOCS_2_WARNING": "1"})


def move_kpi_page(repo: Path):
    """Release 1.1.0 moves a page, with a redirect from its old address."""
    (repo / "docs/reference/kpis.md").rename(repo / "docs/reference/kpi-reference.md")
    for path in [repo / "mkdocs.yml", *(repo / "docs").rglob("*.md"), *(repo / "docs").rglob("*.yml")]:
        text = path.read_text()
        path.write_text(re.sub(r"\bkpis\.md", "kpi-reference.md", text))
    config = repo / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "redirect_maps: {}", "redirect_maps:\n        reference/kpis.md: reference/kpi-reference.md"))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Move the KPI reference")


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    repo = make_repo(tmp_path_factory.mktemp("repo"))
    first = release(repo, "1.0.0")
    assert first.returncode == 0, first.stderr
    write_pool(repo)  # 1.1.0 adds a module test's pool (committed with the page move)
    move_kpi_page(repo)
    second = release(repo, "1.1.0")
    assert second.returncode == 0, second.stderr
    return repo


def state(repo: Path) -> tuple:
    """What a refused or failed release must leave alone: the branch and every file in dist/
    (a staging folder, dist/.staging-*, is the release's own; leftovers are checked apart)."""
    branch = subprocess.run(["git", "rev-parse", "-q", "--verify", "refs/heads/site-releases"], cwd=repo,
                            capture_output=True, text=True).stdout
    dist = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((repo / "dist").glob("*"))
            if p.is_file()}
    return branch, dist


def test_release_writes_archives_and_checksums(repo):
    dist = repo / "dist"
    names = sorted(p.name for p in dist.iterdir())
    kinds = ["course-{}.pdf", "moodle-{}.xml", "nginx-csp-{}.conf", "offline-{}.zip", "qti21-{}.zip",
             "scorm12-{}.zip", "scorm2004-{}.zip", "site-{}.tar.gz"]
    artefacts = sorted([kind.format(v) for kind in kinds for v in ("1.0.0", "1.1.0")]
                       + ["moodle-assessment-1.1.0.xml", "qti21-assessment-1.1.0.zip"])  # 1.1.0 has a pool
    assert names == ["SHA256SUMS", *artefacts]
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=dist, capture_output=True, text=True)
    assert check.returncode == 0 and check.stdout.count(": OK") == len(artefacts), check.stdout
    with tarfile.open(dist / "site-1.1.0.tar.gz") as tar:
        names = set(tar.getnames())
        members = tar.getmembers()
    assert {"index.html", "versions.json", "1.0.0/index.html", "1.1.0/index.html", "latest/index.html"} <= names
    assert {(m.uid, m.gid, m.uname, m.gname) for m in members} == {(0, 0, "", "")}
    assert len({m.mtime for m in members}) == 1


def test_list_and_delete(repo):
    listed = release(repo, "--list")
    assert listed.stdout.splitlines() == ["1.1.0 [latest]", "1.0.0"]
    before = state(repo)
    refused = release(repo, "--delete", "1.1.0")
    assert refused.returncode == 2 and "latest" in refused.stderr and state(repo) == before


@pytest.mark.parametrize("args, site_url, message", [
    (["1.2"], SITE_URL, "not a version"),
    (["1.2.0"], None, "give the address the course will be served from"),
    (["1.2.0"], "http://127.0.0.1:8000/training/", "still the local default"),
    (["1.2.0"], "intranet/training", "is not a web address"),
    (["1.2.0"], 'https://x.example/t/"><script>alert(1)</script>', "cannot carry as it is"),  # S43
    (["1.2.0"], "https://x.example/my training/", "cannot carry as it is"),
    (["1.2.0\n", "--lms-only"], SITE_URL, "not a version"),  # R14: wrote files named with a newline
    (["v1.2.0"], SITE_URL, "not a version"),
    (["1.2.0-rc1"], SITE_URL, "not a version"),
    (["1.2.0\n"], SITE_URL, "not a version"),    # "$" would have let a trailing newline through
    (["1.\u0662.0"], SITE_URL, "not a version"),  # an Arabic-Indic two is a digit to \d, not to [0-9]
    (["1.1.0"], SITE_URL, "already released"),
    (["1.2.0"], SITE_URL, "no '## [1.2.0]' entry"),
])
def test_refusals_change_nothing(repo, args, site_url, message):
    before = state(repo)
    result = release(repo, *args, site_url=site_url)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr, result.stderr
    assert state(repo) == before


def test_make_never_runs_what_a_version_carries(tmp_path):
    """DEF-12: `make release VERSION='9.9.9; touch …'` ran the command; the value now reaches
    release.py through the environment, as one argument."""
    marker = tmp_path / "PWNED"
    for target in ("release", "lms"):
        result = subprocess.run(["make", "-s", target, f"VERSION=9.9.9; touch {marker}; echo",
                                 f"SITE_URL={SITE_URL}"], cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert result.returncode != 0 and "is not a version" in result.stderr, result.stderr
        assert not marker.exists(), f"make {target} ran the command in VERSION"


def test_an_incomplete_organisation_can_be_refused(repo):
    """--require-organisation: every empty setting named, one line each, nothing written."""
    before = state(repo)
    result = release(repo, "1.2.0", "--require-organisation")
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and len(lines) > 10, result.stderr
    assert all(re.fullmatch(r"release: organisation\.yml: '[a-z_.]+' is not set \(required by "
                            r"--require-organisation\)", line) for line in lines), lines
    assert "release: organisation.yml: 'policies.absence' is not set (required by --require-organisation)" in lines
    assert state(repo) == before


def test_forcing_a_release_again_from_its_commit_gives_the_same_files(repo):
    before = state(repo)
    result = release(repo, "1.1.0", "--force")
    assert result.returncode == 0, result.stderr
    assert state(repo) == before, "the same branch commit and the same bytes in dist/"


def test_uncommitted_changes_are_refused(repo):
    before = state(repo)
    page = repo / "docs/index.md"
    original = page.read_text()
    page.write_text(original + "\nAn edit not yet committed.\n")
    try:
        result = release(repo, "1.1.0", "--force")
        assert result.returncode == 2 and "uncommitted changes" in result.stderr
        assert state(repo) == before
    finally:
        page.write_text(original)


def test_failed_build_leaves_branch_and_dist_alone(repo):
    before = state(repo)
    page = repo / "docs/index.md"
    page.write_text(page.read_text() + "\nSee [a page that is not there](missing.md).\n")
    with open(repo / "CHANGELOG.md", "a") as changelog:
        changelog.write("\n## [1.2.0] - 2025-11-25\n\n- Broken.\n")
    git(repo, "commit", "-qam", "A broken link")
    try:
        result = release(repo, "1.2.0")
        assert result.returncode == 1 and "missing.md" in result.stderr
        assert state(repo) == before
    finally:
        git(repo, "reset", "-q", "--hard", "HEAD~1")


def test_same_commit_gives_identical_archives(repo, tmp_path):
    twin = make_repo(tmp_path / "twin")
    assert git(twin, "rev-parse", "HEAD") == git(repo, "rev-parse", "HEAD~1"), "the twin holds the 1.0.0 commit"
    result = release(twin, "1.0.0")
    assert result.returncode == 0, result.stderr
    for name in ("site-1.0.0.tar.gz", "offline-1.0.0.zip", "nginx-csp-1.0.0.conf", "course-1.0.0.pdf"):
        assert (twin / "dist" / name).read_bytes() == (repo / "dist" / name).read_bytes(), name


def release_contents(name: str, data: bytes):
    """(path, bytes) of a release file and of everything packed in it: a zip's entries, a
    tarball's members, a gzipped file's text, a PDF's words (its streams are compressed)."""
    yield name, data
    if name.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for entry in archive.namelist():
                yield from release_contents(f"{name}/{entry}", archive.read(entry))
    elif name.endswith((".tar.gz", ".tgz")):
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            for member in (m for m in tar.getmembers() if m.isfile()):
                yield from release_contents(f"{name}/{member.name}", tar.extractfile(member).read())
    elif name.endswith(".gz"):
        yield name, gzip.decompress(data)
    elif name.endswith(".pdf"):
        yield name, subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout


def test_module_tests_are_in_their_own_dist_files_and_nowhere_a_learner_can_open(repo):
    """Issue 25, item 3: no pool question's id or words in any page, search index, sitemap,
    print page, answer key or review page of the web tree (site-X.tar.gz: what the intranet's
    nginx serves, unpacked into its root; dist/ itself is never in it), nor in the offline
    zip, the PDF, a SCORM package or the self-check banks; only the module tests' two files."""
    pool = yaml.safe_load((repo / "quizzes/assessment/01-foundations.yml").read_text())
    needles = {q["id"].encode() for q in pool["questions"]} | \
        {re.search(r"zqpool\d\d", q["question"]).group(0).encode() for q in pool["questions"]}
    assert len(needles) == 2 * len(pool["questions"]) == 30
    dist = repo / "dist"
    tests = {"moodle-assessment-1.1.0.xml", "qti21-assessment-1.1.0.zip"}
    for name in tests:
        found = b"".join(data for _, data in release_contents(name, (dist / name).read_bytes()))
        assert all(needle in found for needle in needles), f"{name} lacks a pool question"
    searched = 0
    for path in sorted(p for p in dist.iterdir() if p.is_file() and p.name not in tests):
        for inner, data in release_contents(path.name, path.read_bytes()):
            searched += 1
            leaked = sorted(n.decode() for n in needles if n in data)
            assert not leaked, f"{inner} holds pool questions: {leaked[:3]}"
            assert not inner.startswith("site-") or "assessment" not in inner.rsplit("/", 1)[-1], inner
    assert searched > 1000, "every page, index and package entry was searched"


def test_release_carries_its_real_address(repo):
    with tarfile.open(repo / "dist/site-1.1.0.tar.gz") as tar:
        home = tar.extractfile("1.1.0/index.html").read().decode()
        lesson = tar.extractfile("1.1.0/modules/01-foundations/managing-and-leading/index.html").read().decode()
        sitemap = tar.extractfile("1.1.0/sitemap.xml").read().decode()
    assert re.search(r'<link href="?https://intranet\.example/training/1\.1\.0/"? rel="?canonical', home), home[:600]
    assert "https://intranet.example/training/1.1.0/modules/01-foundations/managing-and-leading/" in lesson
    assert "127.0.0.1" not in home + lesson + sitemap
    assert "<loc>https://intranet.example/training/1.1.0/reference/glossary/</loc>" in sitemap


def test_release_pdf_is_the_whole_course(repo):
    pdf = (repo / "dist/course-1.1.0.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and len(re.findall(rb"/Type\s*/Page\b", pdf)) > 100
    assert b"/CreationDate (D:20251123000000" in pdf, "the PDF is dated by the commit, not the clock"


def pdf_page_text(pdf: Path, page: int) -> str:
    """One page's words, as poppler's pdftotext reads them (Debian's poppler-utils)."""
    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def pdf_bookmarks(pdf: Path) -> list[tuple[str, int]]:
    """The PDF's outline, in order, as (title, page): poppler's pdftohtml writes it as XML."""
    from xml.etree import ElementTree

    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-q", "-stdout", "-f", "1", "-l", "1", str(pdf)],
                         capture_output=True, check=True).stdout
    return [(" ".join((item.text or "").split()), int(item.get("page")))
            for item in ElementTree.fromstring(xml).iter("item")]


def test_release_pdf_has_a_cover_page_numbers_and_bookmarks(repo):
    """m12 (new-user walk): the whole-course PDF, some 400 pages, began with "Table of
    Contents": no title page, version, date or organisation, and no bookmarks. Now page 1 is
    a cover with the course's title, the release's version and date (the organisation's
    name too when organisation.yml has one: test_organisation.py), unnumbered; every other
    page has its number at the foot; and the outline leads to each module and page."""
    pdf = repo / "dist/course-1.1.0.pdf"
    cover = " ".join(pdf_page_text(pdf, 1).split())
    assert "Leading a contact-centre team" in cover and "Version 1.1.0, released 23 November 2025" in cover, cover
    assert "Table of Contents" not in cover and "Page 1" not in cover, cover
    contents = pdf_page_text(pdf, 2)
    assert "Table of Contents" in contents and contents.split()[-2:] == ["Page", "2"], contents[-200:]
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))
    assert pdf_page_text(pdf, pages).split()[-2:] == ["Page", str(pages)], "the last page has its number"
    bookmarks = pdf_bookmarks(pdf)
    assert bookmarks[:2] == [("Leading a contact-centre team", 1), ("Table of Contents", 2)], bookmarks[:3]
    titles = [title for title, _ in bookmarks]
    modules = ["Foundations", "Coaching", "Setting a path", "Communication", "Building a legacy",
               "Running the floor", "People processes", "Wellbeing and customers", "Reference", "Glossary",
               "Sources"]
    at = [titles.index(module) for module in modules]
    assert at == sorted(at), "the modules' bookmarks are in the course's order"
    assert all(page > 2 for title, page in bookmarks[2:]) and len(bookmarks) > 100
    assert [page for _, page in bookmarks] == sorted(page for _, page in bookmarks), "each bookmark leads to its page"


def test_release_trees_are_valid_html(repo, tmp_path):
    with tarfile.open(repo / "dist/site-1.1.0.tar.gz") as tar:
        tar.extractall(tmp_path / "web", filter="data")
    with zipfile.ZipFile(repo / "dist/offline-1.1.0.zip") as archive:
        archive.extractall(tmp_path / "offline")
    errors = html_errors(tmp_path / "web", tmp_path / "offline")
    assert errors == [], "\n".join(errors[:40])


def page_paths_in(tar: tarfile.TarFile, version: str) -> set[str]:
    prefix = f"{version}/"
    return {n[len(prefix):-len("index.html")] for n in tar.getnames()
            if n.startswith(prefix) and n.endswith("/index.html") and "/assets/" not in n}


def test_every_page_of_the_previous_release_still_resolves(repo):
    with tarfile.open(repo / "dist/site-1.1.0.tar.gz") as tar:
        old, new = page_paths_in(tar, "1.0.0"), page_paths_in(tar, "1.1.0")
        moved = tar.extractfile("1.1.0/reference/kpis/index.html").read().decode()
    assert "reference/kpis/" in old and "reference/kpi-reference/" in new
    assert old <= new, f"paths lost: {sorted(old - new)}"
    assert "kpi-reference/" in moved, "the old address redirects to the new one"


# --- behind real nginx, in Chromium ---------------------------------------------------------

@pytest.fixture(scope="module")
def nginx(repo):
    from courseware.release.preview import serve, unpack

    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        pytest.fail("nginx is missing: run `make test` as root, or `sudo apt-get install nginx`")
    with serve(unpack(repo / "dist/site-1.1.0.tar.gz"), (repo / "dist/nginx-csp-1.1.0.conf").read_text()) as url:
        yield url


def headers(url: str, gzip: bool = False) -> tuple[int, dict[str, str]]:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip else {})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}


def test_nginx_headers(nginx):
    status, html = headers(nginx + "latest/", gzip=True)
    assert status == 200 and html["content-encoding"] == "gzip" and html["cache-control"] == "no-cache"
    policy = html["content-security-policy"]
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    assert "http" not in policy, "no outside host in the policy"
    # The theme's script as the page names it (Material's hashed bundle, or its fork's).
    home = urllib_get(nginx + "latest/")
    bundle = next(src for src in script_sources(home) if re.fullmatch(r"assets/javascripts/bundle\.\w+\.min\.js", src))
    status, asset = headers(nginx + f"latest/{bundle}", gzip=True)
    assert status == 200 and "immutable" in asset["cache-control"] and "content-security-policy" in asset
    status, missing = headers(nginx + "latest/no/such/page/")
    assert status == 404 and "content-security-policy" in missing
    # The course's own files carry a content hash in the names the pages use, so they are
    # cached like Material's; data fetched on every view is revalidated and carries no policy.
    own = re.findall(r'(?:src|href)="?(assets/(?:javascripts|stylesheets|images)/[\w-]+\.[0-9a-f]{8}\.(?:js|css|png))', home)
    assert {"course", "store", "favicon"} <= {Path(name).name.split(".")[0] for name in own}, own
    for name in own:
        status, asset = headers(nginx + "latest/" + name, gzip=True)
        assert status == 200 and "immutable" in asset["cache-control"], name
    for data in ("search/search_index.json", "sitemap.xml"):
        status, answer = headers(nginx + "latest/" + data, gzip=True)
        assert status == 200 and answer["cache-control"] == "no-cache" and "content-security-policy" not in answer

    # S08-S10: a redirect keeps to the server's own name whatever Host is asked for; the
    # server does not say its version; outside /training/ the same protective headers.
    import http.client

    origin = urlsplit(nginx)
    connection = http.client.HTTPConnection(origin.hostname, origin.port, timeout=10)
    connection.request("GET", "/training", headers={"Host": "evil.example"})
    redirect = connection.getresponse()
    assert redirect.status == 301 and redirect.getheader("Location") == "/training/", redirect.getheaders()
    assert redirect.getheader("Server") == "nginx"
    connection.close()
    status, outside = headers(f"{origin.scheme}://{origin.netloc}/")
    assert outside["x-content-type-options"] == "nosniff" and outside["referrer-policy"] == "same-origin"
    assert outside["content-security-policy"].startswith("default-src 'none'")


def script_sources(page: str) -> list[str]:
    """The src of every script element of a page, read by an HTML parser."""
    from html.parser import HTMLParser

    class Scripts(HTMLParser):
        def __init__(self):
            super().__init__()
            self.sources: list[str] = []

        def handle_starttag(self, tag, attrs):
            if tag == "script" and dict(attrs).get("src"):
                self.sources.append(dict(attrs)["src"])
    parser = Scripts()
    parser.feed(page)
    return parser.sources


def urllib_get(url: str) -> str:
    import urllib.request

    with urllib.request.urlopen(url) as response:
        return response.read().decode("utf-8")


CSP_WATCH = """window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"""


def test_published_tree_in_chromium(browser, nginx):
    context, watch = open_context(browser, nginx, "light")
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    visit(page, nginx)
    assert page.url == nginx + "latest/", "the root sends readers to the newest release"
    assert re.search(r"Version 1\.1\.0, released \d{4}-\d\d-\d\d", page.locator(".md-copyright").inner_text())

    page.locator(".md-version").wait_for()
    versions = page.locator(".md-version__item").all_inner_texts()
    assert any("1.1.0" in v for v in versions) and any("1.0.0" in v for v in versions), versions

    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("BATNA", delay=30)
    page.locator(".md-search-result__item a").first.wait_for(timeout=10_000)

    visit(page, nginx + "latest/modules/01-foundations/managing-and-leading/")
    quiz = page.locator("div.quiz").first
    quiz.locator("input[data-correct=true]").first.check()
    quiz.locator("button:not([type=button]):visible").first.click()
    quiz.locator(".quiz-feedback:not(.hidden)").wait_for(timeout=5000)

    visit(page, nginx + "1.0.0/modules/01-foundations/")
    banner = page.locator("[data-md-component=outdated]")
    banner.wait_for(state="visible", timeout=5000)
    page.wait_for_function("document.querySelector('[data-latest-version]').textContent.includes('1.1.0')")
    link = banner.locator("a[data-latest-link]")
    assert page.evaluate("a => a.href", link.element_handle()) == nginx + "latest/modules/01-foundations/"
    assert "1.0.0" in banner.inner_text() and "1.1.0" in banner.inner_text()

    assert page.evaluate("window.__cspViolations") == []
    problems = [p for p in watch.take() if "Content Security Policy" in p or "console error" in p
                or "page error" in p or "outside request" in p]
    assert problems == []
    context.close()


def test_the_404_page_of_a_versioned_tree_searches_and_leads_home(browser, nginx):
    """DEF-11 (S39): every version lives a folder down (/training/latest/), and the 404 page's
    absolute links once pointed a folder too high, so its search never started."""
    context, watch = open_context(browser, nginx, "light")
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    for missing in ["latest/no/such/page/", "1.0.0/nothing-here"]:
        watch.expect_404 = nginx + missing
        response = page.goto(nginx + missing, wait_until="load")
        page.wait_for_load_state("networkidle")
        assert response.status == 404
        assert page.locator("h1").first.inner_text().strip() == "We cannot find that page"
        page.locator("label.md-search__icon, .md-search__input").first.click()
        page.locator("input.md-search__input").press_sequentially("coaching", delay=30)
        page.locator(".md-search-result__item a").first.wait_for(timeout=10_000)
        links = page.locator(".md-content a").evaluate_all("as => as.map(a => a.href)")
        assert len(links) >= 9, links
        for link in links:
            assert headers(link)[0] == 200, link
        assert page.evaluate("window.__cspViolations") == [] and watch.take() == [], missing
    context.close()


def test_every_page_keeps_to_the_strict_policy(browser, nginx, repo):
    """The release's policy has neither 'unsafe-inline' nor 'unsafe-hashes', and no page
    of the release breaks it: quizzes, search, progress, copy-link and the version
    selector all work under it."""
    policy = headers(nginx + "latest/")[1]["content-security-policy"]
    assert "'unsafe-inline'" not in policy and "'unsafe-hashes'" not in policy, policy
    with tarfile.open(repo / "dist/site-1.1.0.tar.gz") as tar:
        pages = sorted(page_paths_in(tar, "latest"))
    assert len(pages) > 30
    context, watch = open_context(browser, nginx, "light")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    violations = {}
    for path in pages:
        visit(page, nginx + "latest/" + path)
        found = page.evaluate("window.__cspViolations") + [p for p in watch.take() if "Content Security" in p]
        if found:
            violations[path] = found
    assert violations == {}, violations

    visit(page, nginx + "latest/modules/02-coaching/grow-and-sbi/")
    quiz = page.locator("div.quiz").first
    quiz.locator("input[data-correct=true]").first.check()
    quiz.locator("button:not([type=button]):visible").first.click()
    quiz.locator(".quiz-feedback:not(.hidden)").wait_for(timeout=5000)
    page.locator("h2 .copy-link").first.focus()
    page.keyboard.press("Enter")
    page.locator("#copy-link-status").filter(has_text="Link copied").wait_for(timeout=5000)
    page.locator(".md-version").wait_for()
    visit(page, nginx + "latest/progress/")
    assert "You have answered 1 of" in page.locator(".course-progress__summary").inner_text()
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("shrinkage", delay=30)
    page.locator(".md-search-result__item a").first.wait_for(timeout=10_000)
    assert page.evaluate("window.__cspViolations") == [] and watch.take() == []
    context.close()


# --- the offline zip from file:// ---------------------------------------------------------

def test_offline_zip_from_file(browser, repo, tmp_path):
    with zipfile.ZipFile(repo / "dist/offline-1.1.0.zip") as archive:
        archive.extractall(tmp_path)
    home = tmp_path / "course-1.1.0/index.html"
    assert home.exists()
    context = browser.new_context()
    outside, errors = [], []
    context.on("request", lambda r: None if r.url.startswith(("file://", "data:", "blob:", "about:"))
               else outside.append(r.url))
    context.on("weberror", lambda e: errors.append(str(e.error)))
    page = context.new_page()
    page.goto(home.as_uri())
    assert page.title()
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("BATNA", delay=30)
    page.locator(".md-search-result__item a").first.wait_for(timeout=15_000)
    page.goto((tmp_path / "course-1.1.0/modules/01-foundations/managing-and-leading.html").as_uri())
    quiz = page.locator("div.quiz").first
    quiz.locator("input[data-correct=true]").first.check()
    quiz.locator("button:not([type=button]):visible").first.click()
    quiz.locator(".quiz-feedback:not(.hidden)").wait_for(timeout=5000)
    assert outside == [] and errors == []
    context.close()


# --- what a package ships (m21) -------------------------------------------------------

class _Addresses(HTMLParser):
    """Every address a page's elements load or link to (src, href)."""

    def __init__(self):
        super().__init__()
        self.addresses = []

    def handle_starttag(self, tag, attrs):
        self.addresses += [value for name, value in attrs if name in ("src", "href") and value]


HASHED_TWIN = re.compile(r"^(?P<stem>.+)\.[0-9a-f]{8}(?P<ext>(?:\.min)?\.[a-z]+)$")


def package_problems(files: dict[str, bytes], required: set[str]) -> list[str]:
    """What a package ships that nothing needs: a source map, a plain copy of a hashed file
    that no page loads, or any other file no shipped page, stylesheet or script names (pages
    and the required files aside)."""
    import posixpath
    from urllib.parse import unquote

    problems = [f"{name}: a source map" for name in files if name.endswith(".map")]
    loaded = set()  # what the pages load, by their address, read with a parser
    for name, data in files.items():
        if name.endswith(".html"):
            parser = _Addresses()
            parser.feed(data.decode("utf-8"))
            for address in parser.addresses:
                path = unquote(urlsplit(address).path)
                if path and not urlsplit(address).scheme:
                    loaded.add(posixpath.normpath(posixpath.join(posixpath.dirname(name), path)))
    for name in files:
        twin = HASHED_TWIN.match(posixpath.basename(name))
        plain = posixpath.join(posixpath.dirname(name), twin["stem"] + twin["ext"]) if twin else None
        if plain in files and plain not in loaded:
            problems.append(f"{plain}: a plain copy of {name} that no page loads")
    texts = {n: d.decode("utf-8", "replace") for n, d in files.items() if n.endswith((".html", ".js", ".css", ".json"))}
    for name in files:
        if name.endswith((".html", ".map")) or name in required:
            continue
        base = re.escape(posixpath.basename(name))
        named = re.compile(rf"(?<![\w.-]){base}(?![\w-]|\.\w)")
        if not any(named.search(text) for other, text in texts.items() if other != name):
            problems.append(f"{name}: nothing shipped names it")
    return problems


def test_the_offline_zip_ships_only_what_pages_need(repo):
    """m21 (new-user walk): the offline zip carries no source maps and no file that nothing
    loads (a plain copy beside its hashed one, search files for other languages)."""
    with zipfile.ZipFile(repo / "dist/offline-1.1.0.zip") as archive:
        files = {n.removeprefix("course-1.1.0/"): archive.read(n) for n in archive.namelist() if not n.endswith("/")}
    assert "index.html" in files and "search/search_index.js" in files
    assert package_problems(files, set()) == []


# --- all or nothing (DEF-4, DEF-5) -----------------------------------------------------------

def clone_with_release_1_2_0(repo: Path, path: Path) -> Path:
    """A copy of the released repository (its branch and dist/) with 1.2.0 ready to release."""
    shutil.copytree(repo, path, symlinks=True)
    with open(path / "CHANGELOG.md", "a") as changelog:
        changelog.write("\n## [1.2.0] - 2025-11-26\n\n- Another release.\n")
    git(path, "commit", "-qam", "Describe 1.2.0")
    return path


def killed_release(clone: Path, point: str, version: str) -> subprocess.Popen:
    """tests/killed_release.py: the release SIGKILLs itself at point; in its own process
    group, so the builds it started can be killed with it, as a killed terminal would."""
    return subprocess.Popen([sys.executable, "tests/killed_release.py", point, version, "--site-url", SITE_URL],
                            cwd=clone, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def reap(process: subprocess.Popen) -> int:
    process.communicate(timeout=600)
    try:
        os.killpg(process.pid, 9)
    except ProcessLookupError:
        pass
    return process.returncode


def lock_is_held(clone: Path) -> bool:
    import fcntl

    with open(clone / ".git/course-release.lock", "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


def test_a_killed_release_changes_nothing_and_the_same_command_finishes_it(repo, tmp_path):
    """R23-R27, R31 (killed after mike's commit), R37 (a second release meanwhile) and R32-R33
    (killed while the files move into dist/): the branch and every existing file stay as they
    were, and running the same command again completes the release instead of refusing it."""
    import time

    clone = clone_with_release_1_2_0(repo, tmp_path / "clone")
    before = state(clone)
    first = killed_release(clone, "after-deploy", "1.2.0")
    deadline = time.monotonic() + 120
    while not lock_is_held(clone) and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    second = release(clone, "1.2.0")
    assert second.returncode == 2 and "another release is running" in second.stderr, second.stderr
    assert reap(first) == -9, first.stderr
    assert state(clone) == before, "killed after mike's commit: branch and dist/ as they were"

    again = killed_release(clone, "after-2-moves", "1.2.0")
    assert reap(again) == -9, again.stderr
    branch, dist = state(clone)
    assert branch == before[0], "the branch moves only once every file is in dist/"
    assert {name: dist[name] for name in before[1]} == before[1], "no file that existed has changed"
    assert len(set(dist) - set(before[1])) == 2, sorted(set(dist) - set(before[1]))

    done = release(clone, "1.2.0")
    assert done.returncode == 0, done.stderr
    assert "Finished the release of 1.2.0 that was interrupted." in done.stdout
    assert "Released 1.2.0 as latest" in done.stdout
    assert release(clone, "--list").stdout.splitlines() == ["1.2.0 [latest]", "1.1.0", "1.0.0"]
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=clone / "dist", capture_output=True, text=True)
    # eight files a version, and from 1.1.0 (the first with a pool) the two module-test files
    assert check.returncode == 0 and check.stdout.count(": OK") == 3 * 8 + 2 * 2, check.stdout
    assert not list((clone / "dist").glob(".staging-*")), "nothing of the staging is left"
    assert not git(clone, "branch", "--list", "site-releases-pending")
    with tarfile.open(clone / "dist/site-1.2.0.tar.gz") as tar:
        versions = tar.extractfile("versions.json").read().decode()
    assert all(f'"{v}"' in versions for v in ("1.0.0", "1.1.0", "1.2.0")), versions


def mounted(*command: str):
    result = subprocess.run(["mount", *command], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"this machine cannot mount a file system for the test (needs root): {result.stderr.strip()}")


def test_a_full_or_read_only_dist_is_one_sentence_and_changes_nothing(repo, tmp_path):
    """R34, R35: a traceback, the branch advanced and a truncated archive left in dist/."""
    clone = clone_with_release_1_2_0(repo, tmp_path / "clone")
    dist = clone / "dist"
    before = state(clone)

    mounted("--bind", str(dist), str(dist))
    try:
        mounted("-o", "remount,bind,ro", str(dist))
        result = release(clone, "1.2.0")
    finally:
        subprocess.run(["umount", str(dist)], check=True)
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "cannot write to dist/: Read-only file system. Nothing was released" in result.stderr, result.stderr
    assert state(clone) == before

    size = sum(p.stat().st_size for p in dist.iterdir()) + 2 * 1024 * 1024  # room for 2 MB more
    shutil.copytree(dist, tmp_path / "saved")
    mounted("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(dist))
    try:
        shutil.copytree(tmp_path / "saved", dist, dirs_exist_ok=True)
        result = release(clone, "1.2.0")
        leftovers = list(dist.glob(".staging-*"))
        full = state(clone)
    finally:
        subprocess.run(["umount", str(dist)], check=True)
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "No space left on device. Nothing was released" in result.stderr, result.stderr
    assert full == before and leftovers == []


# --- the README's commands, as written ---------------------------------------------

class _Code(HTMLParser):
    """The text of every <code> element: inline spans and fenced blocks alike."""

    def __init__(self):
        super().__init__()
        self.spans, self._open, self._pre = [], None, False

    def handle_starttag(self, tag, attrs):
        if tag == "code":
            self._open = []
        self._pre = self._pre or tag == "pre"

    def handle_data(self, data):
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag):
        if tag == "code" and self._open is not None:
            text = "".join(self._open)
            # A block holds a command a line; an inline span may wrap across lines.
            self.spans += text.splitlines() if self._pre else [" ".join(text.split())]
            self._open = None
        self._pre = self._pre and tag != "pre"


# A command a person runs from the repository: a make target, or one of scripts/ (directly
# or through an interpreter).
COMMAND = re.compile(r"^(?:make\s|(?:\./)?scripts/\S+\.py\b|\S*python\S*\s+(?:\./)?scripts/)")


def readme_commands() -> list[str]:
    import markdown

    code = _Code()
    code.feed(markdown.markdown((ROOT / "README.md").read_text(), extensions=["fenced_code", "tables"]))
    commands = []
    for span in code.spans:
        line = " ".join(span.split("#", 1)[0].split())  # without a block's comment
        if COMMAND.match(line) and line not in commands:
            commands.append(line)
    return commands


def as_run(command: str) -> str:
    """The README's placeholders filled in for the test repository's releases."""
    command = command.replace("X.Y.Z", "1.1.0").replace("https://…/training/", SITE_URL)
    command = re.sub(r"\[BANKS=…\]\s*", "", command)
    command = re.sub(r"(SITE_URL=|--site-url )…", rf"\g<1>{SITE_URL}", command)
    assert "…" not in command, f"a placeholder the test does not know: {command}"
    return command.strip()


# Too long to run here (a server, the suite, a build, the benchmark), or a target named without
# its version: each must still be a target make knows (a dry run) or a script that exists,
# executable, for python3.
NOT_RUN = re.compile(r"^make release$|^make (?:serve|test|bench|build|check-writing|check-quizzes|pilot|clean|lms)\b"
                     r"|^(?:\./)?scripts/(?!release\.py|preview_release\.py)|--lms-only")


def test_the_readmes_commands_work_as_written(repo):
    """M10 (new-user walk): every command the README names runs as written on Debian: no bare
    `python` (Debian has none), scripts run directly (executable, python3, the course's .venv),
    make knows every target, and the release tools (preview, listing, deleting, releasing) run
    for real against this repository's releases."""
    commands = readme_commands()
    assert any(c.startswith("make preview") for c in commands), commands
    problems = []
    # The repository borrows this run's virtual environment, as `make` would have made it;
    # make must not rebuild it (-o), and a script started by the system's python3 finds it.
    (repo / ".venv").symlink_to(sys.prefix)
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "VIRTUAL_ENV")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    try:
        for written in commands:
            command = as_run(written)
            words = command.split()
            if words[0] in ("python", "python2"):
                problems.append(f"{written}: Debian has no `{words[0]}` command")
                continue
            if words[0] == "make":
                words = ["make", "-o", ".venv/bin/.runtime", *words[1:]]
            else:
                script = repo / next(w for w in words if "scripts/" in w)
                if not script.is_file():
                    problems.append(f"{written}: no such script")
                    continue
                if "scripts/" in words[0] and not (os.access(script, os.X_OK)
                                                   and script.read_text().startswith("#!/usr/bin/env python3\n")):
                    problems.append(f"{written}: the script is not executable with a python3 shebang")
                    continue
            if NOT_RUN.search(command):
                if words[0] == "make":
                    dry = subprocess.run([*words[:1], "-n", *words[1:]], cwd=repo, capture_output=True, text=True,
                                         env=env, timeout=60)
                    if dry.returncode != 0:
                        problems.append(f"{written}: {dry.stderr.strip()}")
                continue
            if "preview" in command:
                problems += previewed(written, words, repo, env)
                continue
            result = subprocess.run(words, cwd=repo, capture_output=True, text=True, env=env, timeout=300)
            # A refusal by the tool itself (a version already released, 'latest' kept) is the
            # tool working; make's own errors, a traceback or a missing module are not.
            refused = result.returncode == 2 and re.search(r"^release: ", result.stderr, re.M)
            if (result.returncode != 0 and not refused) or "Traceback" in result.stderr:
                problems.append(f"{written}: exit {result.returncode}: {result.stderr.strip()[-300:]}")
            elif "--list" in command or command == "make releases":
                if "1.1.0 [latest]" not in result.stdout.splitlines():
                    problems.append(f"{written}: did not list the releases: {result.stdout!r}")
    finally:
        (repo / ".venv").unlink()
    assert problems == []


def previewed(written: str, words: list[str], repo: Path, env: dict) -> list[str]:
    """The preview serves the release on 127.0.0.1 until Ctrl-C."""
    server = subprocess.Popen(words, cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                              start_new_session=True)
    try:
        for line in server.stdout:
            address = re.search(r"http://127\.0\.0\.1:\d+/training/", line)
            if address:
                page = urllib_get(address.group(0) + "latest/")  # the newest release
                return [] if "<html" in page and "1.1.0" in page else [f"{written}: not the release: {page[:200]}"]
        return [f"{written}: stopped without serving: {server.stderr.read().strip()[-300:]}"]
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGINT)  # Ctrl-C, as a person stops it
        server.wait(timeout=30)


def test_delete_removes_an_old_version(repo):
    """Last in this file: it changes the release branch the tests above read."""
    result = release(repo, "--delete", "1.0.0")
    assert result.returncode == 0, result.stderr
    assert release(repo, "--list").stdout.splitlines() == ["1.1.0 [latest]"]
    assert release(repo, "--delete", "1.0.0").returncode == 2
