"""The Content-Security-Policy of a built tree: everything from the site itself, and the
theme's few small inline scripts allowed by their hashes. No 'unsafe-inline' and no
'unsafe-hashes': the pages carry no style attribute and no event-handler attribute."""
from __future__ import annotations

import base64
import hashlib
import html
import re
from html.parser import HTMLParser

POLICY = ("default-src 'self'; script-src 'self' {scripts}; style-src 'self'{styles}; "
          "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; "
          "base-uri 'self'; form-action 'self'; frame-ancestors 'self'")
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)
INLINE_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.S)


def sha256(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode()).digest()).decode() + "'"


def inline_code(pages: list[str]) -> tuple[set[str], set[str]]:
    """The inline scripts (not JSON data blocks) and inline style elements of the pages."""
    scripts, styles = set(), set()
    for page in pages:
        scripts.update(m.group(2) for m in INLINE_SCRIPT.finditer(page) if "application/json" not in m.group(1))
        styles.update(m.group(1) for m in INLINE_STYLE.finditer(page))
    return scripts, styles


def policy(pages: list[str]) -> str:
    scripts, styles = inline_code(pages)
    script_hashes = " ".join(sorted(sha256(code) for code in scripts))
    style_hashes = "".join(" " + h for h in sorted(sha256(code) for code in styles))
    return POLICY.format(scripts=script_hashes, styles=style_hashes)


def unsafe_attributes(html: str) -> list[str]:
    """What a policy without 'unsafe-inline' would block: style and event-handler
    attributes, and javascript: URLs."""
    found = re.findall(r'<[a-z][^>]*?\s(style|on[a-z]+)=', html)
    found += re.findall(r'(?:href|action|src)=["\']?(javascript:)', html)  # the minifier drops quotes
    return found


def meta_policy(pages: list[str]) -> str:
    """The policy for a tree no server sends a header for (the SCORM packages): the same,
    less frame-ancestors, which a <meta> element cannot carry (the browser ignores it there)."""
    return policy(pages).replace("; frame-ancestors 'self'", "")


def meta_content(policy_text: str) -> str:
    """An attribute value: the policy's quotes are single, so only & and " need escaping."""
    return html.escape(policy_text, quote=False).replace('"', "&quot;")


class _PolicyPlace(HTMLParser):
    """Where a <meta> policy goes: after the head's charset declaration (which must stay in
    the first 1024 bytes), else at the head's start; in either case before any script."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.place: tuple[int, int] | None = None  # (line, column) just after that tag
        self.in_head = False

    def handle_starttag(self, tag, attrs):
        charset = tag == "meta" and any(name == "charset" for name, _ in attrs)
        if (tag == "head" and self.place is None) or (self.in_head and charset):
            line, column = self.getpos()
            self.place = (line, column + len(self.get_starttag_text()))
        self.in_head = self.in_head or tag == "head"
        if tag in {"script", "link", "style", "body"}:
            self.in_head = False  # nothing after these may come before the policy


def with_meta_policy(page: str, policy_text: str) -> str:
    """The page with its policy in a <meta> element near the top of its head."""
    finder = _PolicyPlace()
    finder.feed(page)
    if finder.place is None:
        raise ValueError("the page has no <head> element to carry its policy")
    line, column = finder.place
    offset = sum(len(row) for row in page.splitlines(keepends=True)[:line - 1]) + column
    meta = f'<meta http-equiv="Content-Security-Policy" content="{meta_content(policy_text)}">'
    return page[:offset] + meta + page[offset:]


def nginx_conf(pages: list[str]) -> str:
    return ("# Made by scripts/release.py for the tree in the site archive of the same version.\n"
            f'add_header Content-Security-Policy "{policy(pages)}" always;\n')
