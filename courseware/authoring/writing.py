"""The course's writing checks: readability, length, spelling and copying.

scripts/check_writing.py (`make check-writing`) and the tests report, as
`file:line: problem`:
  - a run of 8+ words copied from the seed documents (checked against hashes in
    tests/data/seed-8gram-hashes.txt, so the seeds' text is not kept here);
  - a word that hunspell's en_GB dictionary and tests/data/wordlist.txt do not know;
  - a lesson page outside 700-1,800 words, outside Flesch-Kincaid grade 6 to 9, or whose
    sentences average more than 20 words (headings are not sentences, so neither counts them);
  - a weekday paired with a calendar date and no year near it ("Monday 3 March" is a Monday
    in one year in seven): give the year, or the weekday alone;
  - what a page or bank says about the cast that docs/reference/team.yml contradicts.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import textstat

from ..model import front_matter
from ..model.organisation import REFERENCE as ORG_REFERENCE
from ..model.organisation import SETTINGS
from ..model.seed_copies import copied_runs
from ..model.yaml_source import text_scalars

ROOT = Path(__file__).resolve().parents[2]  # the repository: the package is installed from it
DATA = ROOT / "tests" / "data"
WORDLIST = DATA / "wordlist.txt"

# A lesson reads at a Flesch-Kincaid grade of 6 to 9: plain enough to read between shifts,
# full enough (because, so, unless) for an adult professional. Below 6 reads clipped.
MIN_GRADE, MAX_GRADE = 6.0, 9.0
LESSON_WORDS = (700, 1800)  # the lesson with its practice and model answers
# The course teaches short sentences, so its own lessons keep to them: a mean of 20 words.
MAX_MEAN_SENTENCE = 20.0
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u2019)]*\s+")
_WORD = re.compile(r"[a-z0-9']+")


def page_kind(path: Path) -> str:
    """Module pages are named by role: index.md is the overview, summary.md the summary."""
    if "modules" not in path.parts:
        return "page"
    if path.name.startswith("conversation-"):  # a page that shows a branching conversation
        return "conversation"
    return {"index.md": "overview", "summary.md": "summary"}.get(path.name, "lesson")


# --- markdown to prose -------------------------------------------------------

def prose_lines(text: str, quizzes: bool = True) -> list[tuple[int, str]]:
    """(line number, plain text) for the lines a reader reads as prose.

    Code, tables, HTML comments, abbreviation definitions and link targets are
    dropped; headings and list items become sentences of their own. With
    quizzes=False, <quiz> blocks are dropped too (they are practice, not lesson text).
    """
    out: list[tuple[int, str]] = []
    in_fence = in_comment = in_quiz = False
    for number, line in enumerate(front_matter.split(text).body.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("<quiz>"):
            in_quiz = True
        if stripped.startswith("</quiz>"):
            in_quiz = False
            continue
        if in_quiz and not quizzes:
            continue
        if stripped.startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if in_comment or stripped.startswith("<!--"):
            in_comment = "-->" not in stripped
            continue
        if (not stripped or stripped.startswith(("|", "*[", "<", "---", "--8<--"))
                or re.fullmatch(r"[-=:| ]+", stripped)):
            continue
        s = re.sub(r"^(#{1,6}|[!?]{3}\+?\s*\w+|=== |[-*+] \[[ xX]\]|[-*+]|\d+\.|>|:)\s*", "", stripped)
        s = re.sub(r'^"(.*)"$', r"\1", s)  # admonition titles
        s = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", s)
        s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)
        s = re.sub(r"\[([^\]]*)\]\[[^\]]*\]", r"\1", s)
        s = re.sub(r"\{[:#.][^}]*\}", "", s)  # attr_list
        s = re.sub(r"`[^`]*`", "", s)
        s = re.sub(r"<[^>]+>", "", s)
        s = re.sub(r"\[\[([^\]]*)\]\]", r"\1", s)  # quiz blanks
        s = ORG_REFERENCE.sub(lambda m: SETTINGS[m["key"]].label if m["key"] in SETTINGS else m["key"], s)
        s = re.sub(r"[*_]{1,3}", "", s)
        s = s.strip()
        if not s:
            continue
        if not re.search(r"[.!?:;]['\u2019\")]*$", s):
            s += "."  # a heading or list item reads as one sentence
        out.append((number, s))
    return out


def prose(text: str) -> str:
    """The lesson's own text, as a reader meets it: no quizzes."""
    return " ".join(s for _, s in prose_lines(text, quizzes=False))


def sentences(text: str) -> list[tuple[int, str]]:
    """(line, sentence) of the lesson's own text: no quizzes and no headings, which are labels,
    not sentences; a list item is a sentence of its own."""
    source = front_matter.split(text).body.splitlines()
    found = []
    for number, line in prose_lines(text, quizzes=False):
        if source[number - 1].lstrip().startswith("#"):
            continue
        found += [(number, part) for part in _SENTENCE_END.split(line) if re.search(r"[A-Za-z]", part)]
    return found


def mean_sentence_length(text: str) -> float:
    parts = sentences(text)
    return sum(len(_WORD.findall(part.lower())) for _, part in parts) / len(parts) if parts else 0.0


def word_count(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9\u2019']+", prose(text)))


def grade(text: str) -> float:
    """Flesch-Kincaid grade of the same sentences that mean_sentence_length() counts."""
    textstat.set_lang("en_GB")
    return float(textstat.flesch_kincaid_grade(" ".join(part for _, part in sentences(text))))


# --- spelling ----------------------------------------------------------------

def project_words() -> set[str]:
    return {w.strip() for w in WORDLIST.read_text().splitlines() if w.strip() and not w.startswith("#")}


_US_IZE = re.compile(r"^([A-Za-z]{3,})iz(e|es|ed|ing|ation|ations)$")


def _hunspell_unknown(text: str) -> set[str]:
    """The words of text that hunspell's en_GB dictionary does not know."""
    if not shutil.which("hunspell"):
        raise RuntimeError("hunspell is not installed: apt-get install hunspell hunspell-en-gb")
    result = subprocess.run(  # -l prints the unknown words, one a line
        ["hunspell", "-d", "en_GB", "-p", str(WORDLIST), "-l"],
        input=text, capture_output=True, text=True, check=True,
    )
    return set(result.stdout.split())


QUIZ_TEXT_FIELDS = {"question", "text", "feedback", "explanation", "feedback_right", "feedback_wrong"}


def quiz_text_lines(text: str) -> list[tuple[int, str]]:
    """(line, text) of what learners read in a question bank: questions, options,
    feedback and explanations, without ids and field names."""
    out: list[tuple[int, str]] = []
    for value in text_scalars(text, QUIZ_TEXT_FIELDS):
        out.extend(prose_lines("\n" * value.start_mark.line + value.value.replace("[[", "").replace("]]", "")))
    return out


def misspellings(text: str, lines: list[tuple[int, str]] | None = None) -> list[tuple[int, str]]:
    """(line, word) for words hunspell en_GB does not know and the word list lacks,
    and for -ize spellings where the course uses -ise (en_GB accepts both).
    `lines` gives the prose to check when it is not markdown (a question bank)."""
    lines = prose_lines(text) if lines is None else lines
    allowed = project_words()
    # hunspell reports "Ofgem's" whole: the word is what comes before the possessive.
    reported = {re.sub(r"['\u2019]s$", "", w) for w in _hunspell_unknown("\n".join(s for _, s in lines))}
    unknown = {w for w in reported if w not in allowed and w.lower() not in allowed}
    ize = {w for _, s in lines for w in re.findall(r"[A-Za-z]+", s) if _US_IZE.match(w) and w not in allowed}
    if ize:
        ise = {w: _US_IZE.sub(r"\1is\2", w) for w in ize}
        unknown_ise = _hunspell_unknown("\n".join(ise.values()))
        unknown |= {w for w, variant in ise.items() if variant not in unknown_ise}
    found = []
    for number, s in lines:
        for w in re.findall(r"[A-Za-z\u2019'-]+", s):
            for part in re.split(r"[-\u2019']", w):
                if part in unknown:
                    found.append((number, part))
    return found


# --- dates -------------------------------------------------------------------

_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_WEEKDAY_DATE = re.compile(rf"\b{_DAY},?\s+(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b|"
                           rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?:a|is|was)\s+(?:a\s+)?{_DAY}\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def weekday_dates(text: str) -> list[tuple[int, str]]:
    """(line, 'Monday 3 March') for each weekday paired with a date in a paragraph that gives
    no year: such a pair is true in one year in seven, and the course is read for years."""
    found = []
    start = 1
    for block in re.split(r"\n[ \t]*\n", text):
        if not _YEAR.search(block):
            for match in _WEEKDAY_DATE.finditer(block):
                found.append((start + block[:match.start()].count("\n"), " ".join(match.group(0).split())))
        start += block.count("\n") + 2
    return found


# --- report ------------------------------------------------------------------

def display(path: Path) -> Path:
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


def problems(path: Path, text: str, cast=None) -> list[str]:
    """Every problem of one page or bank; cast (courseware.model.cast.Cast) adds the cast checks."""
    rel = display(path)
    found = [f"{rel}:{n}: copied from a seed document: {run}" for n, run in copied_runs(text)]
    if cast is not None:
        from ..model.cast import problems as cast_problems
        found += cast_problems(text, str(rel), cast)
    found += [f"{rel}:{n}: '{pair}' pairs a weekday with a date but gives no year; give the year, or the "
              "weekday alone" for n, pair in weekday_dates(text)]
    if path.suffix == ".md":
        lines = prose_lines(text)
    elif "conversations" in path.parts:
        from ..model.conversations import text_lines
        lines = text_lines(text)
    else:
        lines = quiz_text_lines(text)
    found += [f"{rel}:{n}: unknown word '{w}' (fix it, or add it to tests/data/wordlist.txt)"
              for n, w in misspellings(text, lines)]
    if path.suffix == ".md":
        if page_kind(path) == "lesson":
            words, g = word_count(text), grade(text)
            if not LESSON_WORDS[0] <= words <= LESSON_WORDS[1]:
                found.append(f"{rel}:1: lesson has {words} words; keep it within {LESSON_WORDS[0]}-{LESSON_WORDS[1]}")
            if g > MAX_GRADE:
                found.append(f"{rel}:1: Flesch-Kincaid grade {g:.1f} is above {MAX_GRADE:.0f}; shorten sentences and words")
            elif g < MIN_GRADE:
                found.append(f"{rel}:1: Flesch-Kincaid grade {g:.1f} is below {MIN_GRADE:.0f}: it reads clipped; join "
                             "short sentences with the reasons between them (because, so, unless)")
            mean = mean_sentence_length(text)
            if mean > MAX_MEAN_SENTENCE:
                longest = max(sentences(text), key=lambda item: len(_WORD.findall(item[1].lower())))
                found.append(f"{rel}:1: sentences average {mean:.1f} words, more than {MAX_MEAN_SENTENCE:.0f}; the "
                             f"longest is on line {longest[0]} ({len(_WORD.findall(longest[1].lower()))} words)")
    return found


def course_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        p = p if p.is_absolute() else (Path.cwd() / p)
        files += [p] if p.is_file() else sorted(
            f for f in p.rglob("*") if f.suffix in {".md", ".yml", ".yaml"})
    # quizzes/schema.json is not course text; banks are the .yml files
    return files
