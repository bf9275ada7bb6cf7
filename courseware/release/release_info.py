"""What a release build knows that a working build does not.

scripts/release.py sets COURSE_VERSION and COURSE_RELEASE_DATE. With them the footer
names the version and its date, and the theme's version selector and outdated-version
banner are switched on (they read the versions.json that mike writes beside the
versions, which a working build served from one folder does not have). The offline
build is one version opened from file://, so it gets no selector, and the search
worker's shim comes from the site, not from a CDN.
"""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

SHIM = "assets/javascripts/vendor/iframe-worker-shim.js"
VERSIONS_SCRIPT = "assets/javascripts/versions.js"


@dataclass
class ReleaseSettings:
    release: dict | None = None          # {"version", "date"} for the footer
    version_selector: dict | None = None  # the theme's `extra.version`
    scripts: list[str] = field(default_factory=list)
    polyfills: list[str] = field(default_factory=list)
    homepage: str | None = None           # the logo's link, when the engine's would not work
    features_off: list[str] = field(default_factory=list)


def release_settings(environ: dict[str, str], offline: bool) -> ReleaseSettings:
    settings = ReleaseSettings()
    version = environ.get("COURSE_VERSION")
    if version:
        settings.release = {"version": version, "date": environ.get("COURSE_RELEASE_DATE", "")}
        if not offline:
            settings.version_selector = {"provider": "mike", "default": "latest", "alias": True}
            settings.scripts.append(VERSIONS_SCRIPT)
    if offline:
        settings.polyfills.append(SHIM)  # replaces the CDN address the offline plugin adds
        # On file:// the logo's link to the home folder opens a folder listing: name the page.
        settings.homepage = "index.html"
        # Material turns its instant navigation off on file:// by completing its page-ready
        # stream before the page is ready, so nothing that waits for a page ever starts
        # (tooltips, copy-link). Off from the start, the stream works as on the web.
        settings.features_off.append("navigation.instant")
    return settings


EXTERNAL_LINK = re.compile(r'<a (?=[^>]*\bhref="?https?://)(?![^>]*\btarget=)')


CANONICAL = re.compile(r'<link\b[^>]*\brel="?canonical"?[^>]*>\s*')


def external_links_in_new_window(page: str) -> str:
    """In an LMS the course is a frame: a link to another site must not replace it."""
    return EXTERNAL_LINK.sub('<a target="_blank" rel="noopener" ', page)


def for_lms(page: str) -> str:
    """A page of the offline build made fit for an LMS: no canonical link (the package's
    pages live in the LMS, not at the site's address) and other sites in a new window."""
    return external_links_in_new_window(CANONICAL.sub("", page))


def unneeded(site: Path) -> list[str]:
    """The files of a built site that a package (the offline zip, SCORM) leaves out: source
    maps, and the plain twins of hashed copies and other files no page loads
    (courseware.html.asset_names.needed)."""
    from courseware.html import asset_names

    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    return sorted(set(files) - asset_names.needed(files))


def lms_tree(offline: Path, dest: Path):
    """The LMS packages' site: the offline build, copied, with every page made fit for an LMS
    and carrying the web tree's Content-Security-Policy in a <meta> element, as an LMS sends
    no header of ours. The two packages differ in nothing else, so a release builds once for both."""
    from courseware.release import csp

    shutil.copytree(offline, dest)
    for name in unneeded(dest):
        (dest / name).unlink()
    pages = {page: for_lms(page.read_text(encoding="utf-8")) for page in sorted(dest.rglob("*.html"))}
    policy = csp.meta_policy(list(pages.values()))
    for page, text in pages.items():
        page.write_text(csp.with_meta_policy(text, policy), encoding="utf-8")


# --- the address a release is served from ----------------------------------------------

def folder_address(site_url: str | None) -> str | None:
    """site_url as the folder it is: mike appends the version without a slash
    ('…/training/1.1.0'), and the 404 page, whose links are absolute, then resolved its
    search index, sitemap and versions list one folder too high."""
    return site_url + "/" if site_url and not site_url.endswith("/") else site_url


LOCAL_DEFAULT = "http://127.0.0.1:8000/training/"  # what `make serve` uses: never a real address


def site_address(given: str | None) -> str:
    """The address a release will be served from, checked: canonical links, the sitemap
    and the 404 page's assets are all written with it. Raises ValueError with the reason."""
    from urllib.parse import urlsplit

    if not given:
        raise ValueError(f"give the address the course will be served from: --site-url https://intranet.example"
                         f"/training/ (or set SITE_URL); {LOCAL_DEFAULT} is only for `make serve`")
    address = given if given.endswith("/") else given + "/"
    # Canonical links, the sitemap and the 404 page carry the address inside HTML and XML,
    # some in unquoted attributes: only the characters a plain address needs may pass.
    if not re.fullmatch(r"[A-Za-z0-9._~:/%@-]+", address):
        raise ValueError(f"{given!r} has a character a site address cannot carry as it is (a space, a quote, "
                         "< or >, ...): percent-encode it, e.g. https://intranet.example/training/")
    parts = urlsplit(address)
    if parts.scheme not in {"http", "https"} or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(f"'{given}' is not a web address: use the form https://intranet.example/training/")
    if address == LOCAL_DEFAULT:
        raise ValueError(f"the site address is still the local default {LOCAL_DEFAULT}: give the real one "
                         "with --site-url (or SITE_URL)")
    return address
