"""Runs of eight or more words copied from the seed documents the course began with,
found by their hashes (tests/data/seed-8gram-hashes.txt), so the seeds' text is not kept
here. The build checks conversations with it; `make check-writing` checks every page.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the repository: the package is installed from it
SEED_HASHES = ROOT / "tests" / "data" / "seed-8gram-hashes.txt"
RUN = 8

_WORD = re.compile(r"[a-z0-9']+")


# --- copying -----------------------------------------------------------------

def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def _hash(run: list[str]) -> str:
    return hashlib.sha256(" ".join(run).encode()).hexdigest()[:16]


def seed_hashes() -> set[str]:
    return {line for line in SEED_HASHES.read_text().split() if not line.startswith("#")}


def copied_runs(text: str, hashes: set[str] | None = None) -> list[tuple[int, str]]:
    """(line, words) for each run of 8+ words whose hash is a seed run's hash.

    Runs may cross lines, as the reference tool's do; the line given is where the
    run starts.
    """
    hashes = seed_hashes() if hashes is None else hashes
    seq: list[tuple[str, int]] = []
    for number, line in enumerate(text.splitlines(), 1):
        seq += [(w, number) for w in _words(line)]
    words = [w for w, _ in seq]
    found, i = [], 0
    while i <= len(words) - RUN:
        if _hash(words[i : i + RUN]) in hashes:
            j = i + RUN
            while j < len(words) and _hash(words[j - RUN + 1 : j + 1]) in hashes:
                j += 1
            found.append((seq[i][1], " ".join(words[i:j])))
            i = j
        else:
            i += 1
    return found


