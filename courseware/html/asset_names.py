"""Content-hashed, minified copies of the course's own scripts, stylesheets and images.

deploy/nginx.conf lets browsers keep a file whose name carries a hash of its content for a
year without asking again, and makes them ask about every other file on every page view.
Material hashes its own bundle; the course's files (course.css, store.js, ...) and the
favicon did not, so each page view re-asked about a dozen of them. Each such file also gets
a copy named `NAME.HASH.EXT`, minified when it is a script or a stylesheet, and the pages
point at the copies. The plain, readable files stay in the tree, so a saved link to one
still works.
"""
from __future__ import annotations

import hashlib
import posixpath
import re

from courseware.model.errors import CourseError

import rcssmin
import rjsmin

ASSET_DIR = "assets/"
HASHED_TYPES = (".css", ".js", ".png", ".svg")
ALREADY_HASHED = re.compile(r"\.[0-9a-f]{8}(?:\.min)?\.[a-z]+$")
OTHER_SITE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)  # https:, data:, //host
REFERENCE = re.compile(r'(?P<attr>\s(?:src|href)=")(?P<url>[^"#?]+)(?=["#?])')


def hashed_name(path: str, content: bytes) -> str:
    """'assets/javascripts/store.js' -> 'assets/javascripts/store.1a2b3c4d.js'."""
    stem, ext = posixpath.splitext(path)
    return f"{stem}.{hashlib.sha256(content).hexdigest()[:8]}{ext}"


def minified(path: str, content: bytes) -> bytes:
    """A script or stylesheet without comments and spare whitespace (compiled rjsmin and
    rcssmin); any other file as it is."""
    if path.endswith(".js"):
        return rjsmin.jsmin(content.decode("utf-8")).encode("utf-8")
    if path.endswith(".css"):
        return rcssmin.cssmin(content.decode("utf-8")).encode("utf-8")
    return content


def site_path(site_url: str | None) -> str:
    """The path the site is served under: 'https://intranet/training/' -> '/training/'.

    No address is refused: mkdocs.yml always gives one, so none means an empty SITE_URL,
    which would quietly move the whole site, its 404 page and its search to the server's root."""
    if not (site_url or "").strip():
        raise CourseError("mkdocs.yml: site_url is empty (is SITE_URL set to nothing?): give the address "
                          "the course is served from, e.g. SITE_URL=https://intranet.example/training/")
    match = re.match(r"^[a-z][a-z0-9+.-]*://[^/]*(/.*)?$", site_url or "", re.I)
    path = (match.group(1) if match else None) or "/"
    return path if path.endswith("/") else path + "/"


def wants_hash(path: str) -> bool:
    return path.startswith(ASSET_DIR) and path.endswith(HASHED_TYPES) and not ALREADY_HASHED.search(path)


def with_hashed_references(page_html: str, page_url: str, names: dict[str, str], site_path: str = "/") -> str:
    """Every src and href in the page that points at a renamed file points at its copy.

    page_url is the page's own URL as the engine writes it ('modules/x/', 'x.html', '' for
    home); an absolute reference under site_path (the 404 page's) is read from there."""
    folder = page_url if page_url.endswith("/") else posixpath.dirname(page_url)

    def rename(match: re.Match) -> str:
        url = match.group("url")
        if OTHER_SITE.match(url):
            return match.group(0)
        if url.startswith("/"):
            if not url.startswith(site_path):
                return match.group(0)
            target = posixpath.normpath(url[len(site_path):])
        else:
            target = posixpath.normpath(posixpath.join(folder, url))
        if target not in names:
            return match.group(0)
        return match.group("attr") + url[: len(url) - len(posixpath.basename(url))] + posixpath.basename(names[target])

    return REFERENCE.sub(rename, page_html)


# --- what a package (offline zip, SCORM) ships --------------------------------------------

SOURCE_MAP = ".map"  # for a developer's browser tools only; a learner's browser never asks for one
TEXT_TYPES = (".html", ".js", ".css", ".json", ".xml", ".svg", ".webmanifest")


def needed(files: dict[str, bytes]) -> set[str]:
    """The files of a built site that a packaged copy needs: every page, and every file that a
    needed page, stylesheet or script names (by its file name, as an address, a url() or a
    script's string does), but no source map. What nothing names stays out: the plain twin of
    each hashed copy above (no page names one), and the search's files for other
    languages, which the search worker only loads for a language the course does not use."""
    by_name: dict[str, list[str]] = {}
    for path in files:
        if not path.endswith(SOURCE_MAP):
            by_name.setdefault(posixpath.basename(path), []).append(path)
    # A whole file name: 'versions.json' does not name 'versions.js'.
    name = re.compile(r"(?<![\w.-])(?:" + "|".join(re.escape(n) for n in sorted(by_name, key=len, reverse=True))
                      + r")(?![\w-]|\.\w)")
    keep = {path for path in files if path.endswith(".html")}
    todo = sorted(keep)
    while todo:
        path = todo.pop()
        if not path.endswith(TEXT_TYPES):
            continue
        # Read without comments (the readable copies' comments name other files, not load them).
        text = minified(path, files[path]).decode("utf-8", errors="replace")
        for found in set(name.findall(text)):
            for target in by_name[found]:
                if target not in keep:
                    keep.add(target)
                    todo.append(target)
    return keep
