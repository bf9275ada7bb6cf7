"""Stable keys made from text, for everything a learner's saved work is filed under: an
option's key, a plan item's id, a raw quiz's id.

Each is the first ten hex digits of the SHA-256 of the text with its white space folded,
so re-wrapping or re-indenting a source keeps the key, and any change of words makes a new
one. Saved answers and notebooks depend on these bytes: never change them.
"""
from __future__ import annotations

import hashlib

KEY_LENGTH = 10


def one_line(text: str) -> str:
    """The text with every run of white space (line breaks too) as one space, and no ends."""
    return " ".join(text.split())


def stable_key(text: str) -> str:
    return hashlib.sha256(one_line(text).encode("utf-8")).hexdigest()[:KEY_LENGTH]
