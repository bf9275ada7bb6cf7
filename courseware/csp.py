"""The Content-Security-Policy of a built tree: everything from the site itself, and the
theme's few small inline scripts allowed by their hashes. No 'unsafe-inline' and no
'unsafe-hashes': the pages carry no style attribute and no event-handler attribute."""
from __future__ import annotations

import base64
import hashlib
import re

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
    for html in pages:
        scripts.update(m.group(2) for m in INLINE_SCRIPT.finditer(html) if "application/json" not in m.group(1))
        styles.update(m.group(1) for m in INLINE_STYLE.finditer(html))
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


def nginx_conf(pages: list[str]) -> str:
    return ("# Made by scripts/release.py for the tree in the site archive of the same version.\n"
            f'add_header Content-Security-Policy "{policy(pages)}" always;\n')
