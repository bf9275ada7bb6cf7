"""A page's front matter (the YAML block between `---` lines at its top) and its title,
read the way the engine reads them, so that what the course checks is what gets built.

The block is found with the engine's own rule (MkDocs' and ProperDocs' `utils.meta`):
`---` on the first line, closed by `---` or `...` on a line of its own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

BLOCK = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
H1 = re.compile(r"^# +(.+)$", re.M)


@dataclass(frozen=True)
class Split:
    yaml: str        # the front matter's YAML, '' when the page has none
    first_line: int  # the file line where that YAML starts (for FILE:LINE messages)
    body: str        # the page after it, its lines blanked where the front matter was


def split(text: str) -> Split:
    """The front matter and the rest, the rest keeping every line number of the file."""
    match = BLOCK.match(text)
    if not match:
        return Split("", 1, text)
    return Split(match.group(1), 2, "\n" * match.group(0).count("\n") + text[match.end():])


def title(text: str, fallback: str) -> str:
    """The page's first level-one heading below its front matter, or fallback."""
    match = H1.search(split(text).body)
    return match[1].strip() if match else fallback
