"""The release's PDF of the whole course, printed by headless Chromium from the print page
(courseware/html/printing.py), with the bytes that vary from run to run made stable.
"""
from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path


def print_to_pdf(print_page: Path, out: Path, epoch: int, chromium: str) -> bool:
    """The whole course as a PDF, printed by headless Chromium from the offline build's
    print page (file://, so nothing is fetched). Its dates are the commit's, so the same
    commit gives the same bytes. False when that Chromium is not installed.

    Bookmarks (the PDF's outline) come from the headings, so a reader can jump to any
    module, page or section of a document of some 400 pages; Chromium tags the PDF (its
    structure for screen readers) by itself. The page number at each page's foot is the
    print stylesheet's (course.css, @page)."""
    if not Path(chromium).exists():
        return False
    result = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--no-pdf-header-footer",
         "--generate-pdf-document-outline", "--virtual-time-budget=20000", f"--print-to-pdf={out}",
         print_page.as_uri()],
        capture_output=True, text=True, timeout=300)
    if result.returncode != 0 or not out.exists():
        raise RuntimeError(f"Chromium could not print the course: {result.stderr.strip()[-500:]}")
    out.write_bytes(reproducible_pdf(out.read_bytes(), epoch))
    return True


STRUCTURE_ID = re.compile(rb"\(node(\d{8})\)")


def reproducible_pdf(pdf: bytes, epoch: int) -> bytes:
    """Chromium's PDF with the parts that vary from run to run made stable: its dates
    become the commit's, and the tagged-PDF structure ids, which are DOM node numbers
    and shift when the machine is busy, are numbered in order from 1. Each replacement
    has the length of what it replaces, so the cross-reference offsets still hold, and
    the renumbering keeps the ids' order, so the sorted ID tree stays sorted."""
    stamp = time.strftime("D:%Y%m%d%H%M%S+00'00'", time.gmtime(epoch)).encode()
    pdf = re.sub(rb"D:\d{14}\+00'00'", stamp, pdf)
    numbers = sorted(set(STRUCTURE_ID.findall(pdf)))
    renumbered = {old: b"%08d" % rank for rank, old in enumerate(numbers, 1)}
    return STRUCTURE_ID.sub(lambda m: b"(node" + renumbered[m.group(1)] + b")", pdf)
