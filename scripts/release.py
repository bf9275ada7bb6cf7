#!/usr/bin/env python3
"""Make a versioned release of the course for the intranet.

Usage:
  scripts/release.py X.Y.Z --site-url URL [--force] [--require-organisation] [--learner-only]
                                                             release version X.Y.Z
  scripts/release.py X.Y.Z --lms-only                        the LMS packages of X.Y.Z alone
  scripts/release.py --list                                  list released versions
  scripts/release.py --delete X.Y.Z                          remove a released version

A release checks the quizzes, builds the site strictly with mike onto the local branch
`site-releases` (never pushed), moves `latest` to it when it is the highest version, and
writes to dist/: site-X.Y.Z.tar.gz (every released version, versions.json and the root
redirect), offline-X.Y.Z.zip (this version alone, for file://), nginx-csp-X.Y.Z.conf,
course-X.Y.Z.pdf (when Debian's Chromium is installed), the LMS packages scorm12-X.Y.Z.zip and
scorm2004-X.Y.Z.zip (the course as one SCO), moodle-X.Y.Z.xml and qti21-X.Y.Z.zip (the
question banks), and SHA256SUMS. The LMS packages are always the learner edition, without
the trainers' section (courseware/model/edition.py); `--learner-only` makes the web tree, the
offline zip and the PDF that edition too. `--lms-only` writes the four LMS files alone,
without touching the release branch. The site URL is
where the course will be served (canonical links and the sitemap carry it); it may also
come from SITE_URL. The same commit gives byte-identical files (times come from the
commit). A refusal exits with status 2 and changes nothing; a failed build or check, a full
disk or a read-only dist/ leaves the branch and dist/ as they were.

All or nothing: every file is written to dist/.staging-*/ and mike builds onto the branch
`site-releases-pending`; only when all of it exists is READY.json written there, then the
files are renamed into dist/ (SHA256SUMS last) and `site-releases` moves to the new commit.
A run stopped before READY.json changed nothing; one stopped after it is finished by the
next run (the same command then reports the release as done). A lock in .git/ refuses a
second release in the same clone while one runs.
"""
from __future__ import annotations

import argparse
import fcntl
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

# Run as ./scripts/release.py (or with python3), the system's Python has neither the pinned
# packages nor courseware: start again with the course's .venv, which any make target sets up.
_VENV_PYTHON = Path(__file__).resolve().parent.parent / ".venv/bin/python"
if sys.prefix == sys.base_prefix and _VENV_PYTHON.exists():
    os.execv(_VENV_PYTHON, [str(_VENV_PYTHON), *sys.argv])
sys.path.insert(0, str(_VENV_PYTHON.parent.parent.parent))  # the courseware beside this script

from courseware import CourseError
from courseware.model import cast, conversations, edition, organisation
from courseware.model.course import check_course, read_pages
from courseware.release import csp, question_export, release_info, scorm
from courseware.release.pdf import print_to_pdf
from courseware.release.release_info import site_address

ROOT = Path(__file__).resolve().parent.parent
BRANCH = "site-releases"
# mike builds onto this branch; BRANCH moves to its commit only once dist/ holds the files.
PENDING = f"{BRANCH}-pending"
DIST = ROOT / "dist"
# A release is written to dist/.staging-*/ (the same file system, so moving a file into place
# is one rename) and commits when READY_FILE appears there: after that, any run finishes it.
STAGING = ".staging-"
READY_FILE = "READY.json"
NO_COMMIT = "0" * 40
VERSION = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")  # whole string: fullmatch


class Refusal(Exception):
    """A reason not to release, found before anything changed."""


class Failure(RuntimeError):
    """A release that could not be made, in one sentence (a full disk, a read-only dist/)."""


def git(*args: str, check: bool = True) -> str:
    result = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)}: {result.stderr.strip()}")
    return result.stdout.strip()


def key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def released() -> dict[str, list[str]]:
    """Released version -> its aliases, from versions.json on the release branch."""
    from mike.commands import list_versions

    return {str(v.version): sorted(v.aliases) for v in list_versions(BRANCH)}


def branch_head(branch: str = BRANCH) -> str | None:
    return git("rev-parse", "--verify", "-q", f"refs/heads/{branch}", check=False) or None


# --- one release at a time, all or nothing ---------------------------------------------

@contextmanager
def release_lock():
    """Held for the whole of a command that writes: a second release in the same clone is
    refused at once rather than racing the first for versions.json and dist/."""
    path = Path(git("rev-parse", "--absolute-git-dir")) / "course-release.lock"
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Refusal("another release is running in this clone: let it finish, then run this again") from None
        yield


def new_staging(version: str) -> Path:
    """An empty staging folder inside dist/, after the checks that can refuse."""
    if DIST.exists() and not DIST.is_dir():
        raise Refusal(f"{DIST.relative_to(ROOT)} is a file, not a folder: move it away, then release")
    try:
        DIST.mkdir(exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING}{version}-", dir=DIST))
        (staging / "files").mkdir()
    except OSError as error:
        raise Failure(f"cannot write to {DIST.relative_to(ROOT)}/: {error.strerror}. Nothing was released: "
                      "the release branch and dist/ are as they were") from None
    return staging


def commit_staging(staging: Path, version: str, names: list[str], branch: tuple[str | None, str] | None,
                   address: str | None = None):
    """The commit point: the checksums of what dist/ will hold, every file flushed to disk,
    then READY_FILE (written whole, by a rename) saying what to move and where the branch goes."""
    files = staging / "files"
    paths = {p.name: p for pattern in ARTEFACTS for p in DIST.glob(pattern)}
    paths.update({name: files / name for name in names})
    (files / "SHA256SUMS").write_text(checksums(paths))
    for name in [*names, "SHA256SUMS"]:
        with open(files / name, "rb") as file:
            os.fsync(file.fileno())
    journal = {"version": version, "commit": git("rev-parse", "HEAD"), "files": [*names, "SHA256SUMS"],
               "branch": list(branch) if branch else None, "address": address}
    partial = staging / (READY_FILE + ".part")
    with open(partial, "w") as out:
        json.dump(journal, out)
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, staging / READY_FILE)


def move_into_place(source: Path, name: str):
    os.replace(source, DIST / name)


def finish(staging: Path) -> dict:
    """Carry out a committed release: move its files into dist/ (the new ones, then
    SHA256SUMS), then move the branch. Safe to repeat from any point."""
    journal = json.loads((staging / READY_FILE).read_text())
    for name in journal["files"]:
        if (staging / "files" / name).exists():
            move_into_place(staging / "files" / name, name)
    if journal["branch"]:
        before, after = journal["branch"]
        if branch_head() != after:
            git("update-ref", f"refs/heads/{BRANCH}", after, before or NO_COMMIT)
    if branch_head(PENDING):
        git("update-ref", "-d", f"refs/heads/{PENDING}")
    shutil.rmtree(staging)
    return journal


def recover() -> dict | None:
    """What an interrupted run left: a committed release is finished; anything else (a
    staging folder without READY_FILE, the pending branch) is removed, as it never counted."""
    finished = None
    if DIST.is_dir():
        for staging in sorted(DIST.glob(STAGING + "*")):
            if (staging / READY_FILE).is_file():
                finished = finish(staging)
                print(f"Finished the release of {finished['version']} that was interrupted.")
        for staging in DIST.glob(STAGING + "*"):
            shutil.rmtree(staging, ignore_errors=True)
    if branch_head(PENDING):
        git("update-ref", "-d", f"refs/heads/{PENDING}")
    return finished


def abandon(staging: Path):
    """A failure before the commit point: nothing outside the staging folder had changed."""
    shutil.rmtree(staging, ignore_errors=True)
    if branch_head(PENDING):
        git("update-ref", "-d", f"refs/heads/{PENDING}", check=False)


# --- checks that refuse ------------------------------------------------------------

def refuse_if_not_releasable(version: str, force: bool, address: str | None, complete: bool):
    """Nothing has changed yet; returns the checked site address and the checked course (the
    release's one whole-course check: its build checks the course on its own)."""
    if not VERSION.fullmatch(version):
        raise Refusal(f"{version!r} is not a version: use MAJOR.MINOR.PATCH, e.g. 1.2.0")
    try:
        unset = organisation.load(ROOT).unset()
    except CourseError as error:
        raise Refusal("\n".join(error.problems))
    if complete and unset:
        raise Refusal("\n".join(f"{organisation.FILE}: '{key}' is not set (required by --require-organisation)"
                                for key in unset))
    try:
        address = site_address(address)
    except ValueError as reason:
        raise Refusal(str(reason))
    try:
        course = lms_ready(check_course(ROOT, read_pages(ROOT / "docs")))
    except CourseError as error:
        raise Refusal("\n".join(error.problems))
    if git("status", "--porcelain"):
        raise Refusal("there are uncommitted changes: commit or stash them, then release")
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    if not re.search(rf"^## \[{re.escape(version)}\]", changelog, re.M):
        raise Refusal(f"CHANGELOG.md has no '## [{version}]' entry: describe the release first")
    if version in released() and not force:
        raise Refusal(f"{version} is already released: use --force to replace it")
    return address, course


# --- building ----------------------------------------------------------------------

def configured_address(option: str | None) -> str | None:
    """The address from --site-url, else SITE_URL, else a fixed site_url in mkdocs.yml."""
    if option:
        return option
    if os.environ.get("SITE_URL"):
        return os.environ["SITE_URL"]
    line = re.search(r"^site_url:\s*(.+?)\s*$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    value = line.group(1).strip("'\"") if line else None
    return None if not value or value.startswith("!ENV") else value


def release_env(version: str, address: str, learner_only: bool = False) -> dict[str, str]:
    """Everything that could differ between two runs comes from the commit (and the
    edition from the command, never from the caller's environment)."""
    epoch = git("log", "-1", "--format=%ct", "HEAD")
    date = datetime.fromtimestamp(int(epoch), timezone.utc).strftime("%Y-%m-%d")
    return {**os.environ, "SOURCE_DATE_EPOCH": epoch, "COURSE_VERSION": version, "COURSE_RELEASE_DATE": date,
            "SITE_URL": address, "COURSE_EDITION": edition.LEARNER if learner_only else edition.FULL,
            "GIT_AUTHOR_DATE": f"{epoch} +0000", "GIT_COMMITTER_DATE": f"{epoch} +0000",
            # The release branch is generated: one fixed identity keeps its commits the same
            # in every clone, and works where git has no user configured.
            "GIT_AUTHOR_NAME": "Course release", "GIT_AUTHOR_EMAIL": "release@localhost",
            "GIT_COMMITTER_NAME": "Course release", "GIT_COMMITTER_EMAIL": "release@localhost",
            "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "TZ": "UTC"}


def run(command: list[str], env: dict[str, str], what: str):
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{what} failed:\n{result.stdout}{result.stderr}".rstrip())


def strict_build(site_dir: Path, env: dict[str, str], what: str):
    run(build_command(site_dir), env, what)


def started_build(site_dir: Path, env: dict[str, str]) -> subprocess.Popen:
    """A strict build running beside the caller's own work (the machine has two cores)."""
    return subprocess.Popen(build_command(site_dir), cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finished(build: subprocess.Popen, what: str):
    out, err = build.communicate()
    if build.returncode != 0:
        raise RuntimeError(f"{what} failed:\n{out}{err}".rstrip())


def build_command(site_dir: Path) -> list[str]:
    """A strict build with ProperDocs, the engine of every command of the project."""
    return [sys.executable, "-m", "properdocs", "build", "-f", "mkdocs.yml", "--strict", "--clean", "-d", str(site_dir)]


def deploy(version: str, env: dict[str, str], work: Path, before: str | None) -> str:
    """Build with mike onto the pending branch, made from the release branch as it is; move
    'latest' when this is the highest version. Returns the pending branch's commit."""
    from mike import commands
    from mike.git_utils import GitEmptyCommit

    if before:
        git("update-ref", f"refs/heads/{PENDING}", before)
    others = [v for v in released() if v != version]
    highest = all(key(version) > key(v) for v in others)
    message = f"Release {version} from {git('rev-parse', '--short', 'HEAD')}"
    site = work / "versioned"
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)  # mike commits with git, which reads the dates from here
    try:
        try:
            with commands.deploy({"site_dir": str(site)}, version, aliases=["latest"] if highest else [],
                                 update_aliases=True, alias_type=commands.AliasType.copy,
                                 branch=PENDING, message=message):
                strict_build(site, {**env, "MIKE_DOCS_VERSION": version}, f"the build of {version}")
        except GitEmptyCommit:
            pass  # --force from the commit it was released from: the branch already holds this build
        try:
            commands.set_default("latest", branch=PENDING, message="Make latest the default")
        except GitEmptyCommit:
            pass  # it already was
    finally:
        for k, v in saved.items():
            os.environ.pop(k) if v is None else os.environ.__setitem__(k, v)
    return branch_head(PENDING)


# --- LMS packages --------------------------------------------------------------------

def mkdocs_value(name: str) -> str:
    """A plain setting of mkdocs.yml (site_name, storage_name), read without the engine."""
    match = re.search(rf"^\s*{name}:\s*(.+?)\s*$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    if not match:
        raise RuntimeError(f"mkdocs.yml has no '{name}'")
    return match.group(1).strip("'\"")


def strictly_checked(course):
    """The course (the banks checked against the pages) as the strict build takes it: a
    warning, a question no page uses, stops it too."""
    problems = [f"error: {line}" for line in course.errors] + [f"warning: {line}" for line in course.warnings]
    if problems:
        raise RuntimeError("the quiz check failed:\n" + "\n".join(problems))
    return course


def lms_ready(course):
    """The course, once every question id can be encoded for SCORM and is a valid QTI
    identifier, the module tests' pools too."""
    scorm.question_table(course)
    question_export.check_identifiers(course)
    question_export.check_identifiers(course, course.pool_questions.values())
    return course


def checked_conversations() -> dict:
    """The conversations, checked as the build checks them, for the SCORM packages."""
    found, errors = conversations.check_all(ROOT, read_pages(ROOT / "docs"), cast.load(ROOT / "docs"))
    if errors:
        raise CourseError(errors, heading="the conversation check failed:")
    return found


def scorm_packages(version: str, offline: Path, work: Path, staged: Path, epoch: int, course) -> list[str]:
    """The two SCORM packages, made from the learner edition's offline build, into staged/."""
    site = work / "lms"
    release_info.lms_tree(offline, site)
    mastery = organisation.load(ROOT).mastery_score()
    paths = checked_conversations()
    names = []
    for kind, prefix in ((scorm.SCORM12, "scorm12"), (scorm.SCORM2004, "scorm2004")):
        name = f"{prefix}-{version}.zip"
        scorm.package(site, staged / name, kind, course=course, title=mkdocs_value("site_name"),
                      version=version, storage_name=mkdocs_value("storage_name"), mastery=mastery, epoch=epoch,
                      conversations=paths)
        names.append(name)
    return names


def question_banks(version: str, staged: Path, epoch: int, course) -> list[str]:
    """The Moodle XML and QTI 2.1 question banks into staged/, the QTI package checked
    against the IMS schemas, and beside them, once a module has a pool, the module tests in
    files of their own. They need the banks, not a build, and only dist/ holds them: never
    the web tree, the offline zip or a SCORM package."""
    names = [f"moodle-{version}.xml", f"qti21-{version}.zip"]
    (staged / names[0]).write_bytes(question_export.moodle_xml(course))
    question_export.qti_package(course, staged / names[1], epoch)
    if course.pools:
        names += [f"moodle-assessment-{version}.xml", f"qti21-assessment-{version}.zip"]
        (staged / names[2]).write_bytes(question_export.assessment_moodle_xml(course))
        question_export.qti_package(course, staged / names[3], epoch, question_export.assessment_qti_files(course))
    for name in names[1::2]:
        problems = question_export.validate_qti(staged / name)
        if problems:
            raise CourseError(problems, heading=f"{name} does not match the IMS QTI 2.1 schemas:")
    return names


# --- archives ----------------------------------------------------------------------

def site_tarball(path: Path, epoch: int, commit: str) -> list[str]:
    """The release branch's tree at commit as a tar.gz with sorted entries, one timestamp,
    root as owner and plain modes: the same tree always gives the same bytes. Returns its HTML."""
    listing = git("ls-tree", "-r", "-z", "--full-tree", commit).split("\0")
    entries = sorted((line.split("\t", 1)[1], line.split()[0], line.split()[2]) for line in listing if line)
    blobs = subprocess.run(["git", "cat-file", "--batch"], cwd=ROOT, capture_output=True,
                           input="".join(f"{sha}\n" for _, _, sha in entries).encode(), check=True).stdout
    raw, pages = io.BytesIO(), []
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        dirs: set[str] = set()
        offset = 0
        for name, mode, _ in entries:
            header_end = blobs.index(b"\n", offset)
            size = int(blobs[offset:header_end].split()[2])
            data = blobs[header_end + 1: header_end + 1 + size]
            offset = header_end + 1 + size + 1
            for parent in reversed(Path(name).parents[:-1]):
                if str(parent) not in dirs:
                    dirs.add(str(parent))
                    tar.addfile(_tar_info(str(parent) + "/", tarfile.DIRTYPE, 0o755, epoch))
            info = _tar_info(name, tarfile.REGTYPE, 0o755 if mode == "100755" else 0o644, epoch)
            if mode == "120000":
                info.type, info.linkname, data = tarfile.SYMTYPE, data.decode(), b""
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            if name.endswith(".html"):
                pages.append(data.decode("utf-8"))
    # zlib's default level: half the time of level 9 for an archive 0.6% larger.
    with open(path, "wb") as out, gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=epoch, compresslevel=6) as gz:
        gz.write(raw.getvalue())
    return pages


def _tar_info(name: str, kind: bytes, mode: int, epoch: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.mode, info.mtime = kind, mode, epoch
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def offline_zip(site: Path, path: Path, folder: str, epoch: int):
    """The offline build as a zip, without what no page loads (source maps, unused twins)."""
    left_out = set(release_info.unneeded(site))
    scorm.write_zip(path, {f"{folder}/{file.relative_to(site).as_posix()}": file.read_bytes()
                           for file in site.rglob("*") if file.is_file()
                           and file.relative_to(site).as_posix() not in left_out}, epoch)


def checksums(paths: dict[str, Path]) -> str:
    """SHA256SUMS: each file under the name it has in dist/."""
    return "".join(f"{hashlib.sha256(paths[n].read_bytes()).hexdigest()}  {n}\n" for n in sorted(paths))


# --- commands ----------------------------------------------------------------------

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")  # prints the course's PDF when installed


def release(version: str, force: bool, site_url: str | None, complete: bool = False,
            learner_only: bool = False) -> int:
    if not VERSION.fullmatch(version):
        raise Refusal(f"{version!r} is not a version: use MAJOR.MINOR.PATCH, e.g. 1.2.0")
    with release_lock():
        finished = recover()
        if finished and finished["version"] == version and finished["commit"] == git("rev-parse", "HEAD"):
            return report(version, finished["files"], finished["address"])
        address, course = refuse_if_not_releasable(version, force, configured_address(site_url), complete)
        env = release_env(version, address, learner_only)
        staging = new_staging(version)
        try:
            names = build_release(version, env, staging, address, course)
        except BaseException as error:
            abandon(staging)
            if isinstance(error, OSError):
                raise Failure(f"cannot write {unwritable(error)}. Nothing was released: the release branch and "
                              "dist/ are as they were") from None
            raise
        finish(staging)
    return report(version, names + ["SHA256SUMS"], address)


def unwritable(error: OSError) -> str:
    """'dist/site-1.1.0.tar.gz: No space left on device', from an OSError (a write to an open
    file names none: the release writes its files to dist/)."""
    name = Path(error.filename) if error.filename else None
    if name and name.is_relative_to(DIST) and STAGING in str(name):
        name = DIST / name.name  # the staged copy stands for the file it becomes
    where = str(name.relative_to(ROOT)) if name and name.is_relative_to(ROOT) else str(name or "dist/")
    return f"{where}: {error.strerror or error}"


def build_release(version: str, env: dict[str, str], staging: Path, address: str, course) -> list[str]:
    """Every file of the release into staging/files and the build onto the pending branch,
    then the commit point. Returns the names of the files."""
    epoch = int(env["SOURCE_DATE_EPOCH"])
    before = branch_head()
    files = staging / "files"
    with tempfile.TemporaryDirectory(prefix="release-") as tmp:
        work = Path(tmp)
        course = strictly_checked(course)
        names = [f"site-{version}.tar.gz", f"offline-{version}.zip", f"nginx-csp-{version}.conf"]
        pdf = f"course-{version}.pdf"
        # Work runs side by side on the machine's two cores: the offline build (also the LMS
        # packages' site) beside the versioned one; then Chromium prints and zlib compresses,
        # both outside Python's lock, beside the LMS packages and the zip.
        with ThreadPoolExecutor(max_workers=2) as beside:
            offline = started_build(work / "offline", {**env, "OFFLINE": "true"})
            try:
                after = deploy(version, env, work, before)
            except BaseException:
                offline.kill()
                offline.communicate()
                raise
            finished(offline, "the offline build")
            # The LMS packages are learners' alone (courseware/model/edition.py): a learner edition
            # of the offline build, unless the whole release is the learner edition already.
            lms_site, learners = work / "offline", None
            if env["COURSE_EDITION"] != edition.LEARNER:
                lms_site = work / "offline-learner"
                learners = started_build(lms_site, {**env, "OFFLINE": "true", "COURSE_EDITION": edition.LEARNER})
            try:
                printed = beside.submit(print_to_pdf, work / "offline/print_page.html", files / pdf, epoch, CHROMIUM)
                archived = beside.submit(site_tarball, files / names[0], epoch, after)
                offline_zip(work / "offline", files / names[1], f"course-{version}", epoch)
                if learners:
                    finished(learners, "the learner edition's offline build")
            except BaseException:
                if learners and learners.returncode is None:
                    learners.kill()
                    learners.communicate()
                raise
            lms = (scorm_packages(version, lms_site, work, files, epoch, course)
                   + question_banks(version, files, epoch, course))
            (files / names[2]).write_text(csp.nginx_conf(archived.result()))
            if printed.result():
                names.append(pdf)
    names += lms
    commit_staging(staging, version, names, (before, after), address)
    return names


def report(version: str, names: list[str], address: str) -> int:
    versions = released()
    print(f"Released {version}" + (" as latest" if "latest" in versions.get(version, []) else "")
          + f", to be served from {address}.")
    site, offline, policy = f"site-{version}.tar.gz", f"offline-{version}.zip", f"nginx-csp-{version}.conf"
    pdf = f"course-{version}.pdf"
    print(f"  {DIST / site}\n      every version: unpack it where the course is served, e.g.\n"
          f"      tar -xzf {site} -C /var/www/html/training   (deploy/nginx.conf serves it at /training/)")
    print(f"  {DIST / offline}\n      this version alone: unzip and open course-{version}/index.html, no server needed")
    print(f"  {DIST / policy}\n      the Content-Security-Policy for this tree: copy it to /etc/nginx/course-csp.conf")
    if pdf in names:
        print(f"  {DIST / pdf}\n      the whole course as one document, to print or send")
    else:
        print(f"  no PDF: {CHROMIUM} is not installed (sudo apt-get install chromium), so the whole course was "
              "not printed; the print page in the site still prints from a browser")
    describe_lms([name for name in names if name in lms_names(version)])
    print(f"  {DIST / 'SHA256SUMS'}\n      verify with: cd {DIST} && sha256sum -c SHA256SUMS")
    unset = organisation.load(ROOT).unset()
    if unset:
        print(f"Not set in {organisation.FILE}, so pages show a placeholder for them ({len(unset)}): "
              + ", ".join(unset))
    return 0


def lms_names(version: str) -> list[str]:
    """Every LMS file a release may write; the module tests' two only once a pool exists."""
    return [f"scorm12-{version}.zip", f"scorm2004-{version}.zip", f"moodle-{version}.xml", f"qti21-{version}.zip",
            f"moodle-assessment-{version}.xml", f"qti21-assessment-{version}.zip"]


ARTEFACTS = ("site-*.tar.gz", "offline-*.zip", "nginx-csp-*.conf", "course-*.pdf",
             "scorm12-*.zip", "scorm2004-*.zip", "moodle-*.xml", "qti21-*.zip")  # the globs take the tests' files too


def describe_lms(names: list[str]):
    scorm12, scorm2004, moodle, qti, *tests = (DIST / name for name in names)
    print(f"  {scorm12}\n  {scorm2004}\n      the course as one SCO for an LMS (SCORM 1.2 for any LMS, 2004 3rd edition "
          "where supported): upload the zip as it is")
    print(f"  {moodle}\n      the question banks for Moodle or Totara: Question bank > Import > Moodle XML format")
    print(f"  {qti}\n      the question banks as QTI 2.1 (one test per module), for an LMS that imports QTI")
    if tests:
        print(f"  {tests[0]}\n  {tests[1]}\n      the module tests' pools, unseen by learners: a Moodle category per "
              "module for a quiz of random questions, and a QTI 2.1 test per module (README, Deliver through an LMS)")
    else:
        print("  no module tests: no module has an assessment pool yet (quizzes/assessment/)")


def lms_only(version: str, site_url: str | None) -> int:
    """The four LMS files alone: no release branch, no web tree."""
    if not VERSION.fullmatch(version):
        raise Refusal(f"{version!r} is not a version: use MAJOR.MINOR.PATCH, e.g. 1.2.0")
    with release_lock():
        recover()
        try:
            organisation.load(ROOT)
            course = lms_ready(check_course(ROOT, read_pages(ROOT / "docs")))
        except CourseError as error:
            raise Refusal("\n".join(error.problems))
        # The LMS packages lose the offline build's canonical links and leave out its sitemap and
        # 404 page, so the address is only a placeholder.
        env = release_env(version, configured_address(site_url) or "https://course.invalid/")
        epoch = int(env["SOURCE_DATE_EPOCH"])
        staging = new_staging(version)
        try:
            with tempfile.TemporaryDirectory(prefix="lms-") as tmp:
                work = Path(tmp)
                course = strictly_checked(course)
                strict_build(work / "offline", {**env, "OFFLINE": "true", "COURSE_EDITION": edition.LEARNER},
                             "the learner edition's offline build")
                names = (scorm_packages(version, work / "offline", work, staging / "files", epoch, course)
                         + question_banks(version, staging / "files", epoch, course))
            commit_staging(staging, version, names, None)
        except BaseException as error:
            abandon(staging)
            if isinstance(error, OSError):
                raise Failure(f"cannot write {unwritable(error)}. Nothing was written to dist/") from None
            raise
        finish(staging)
    print(f"LMS packages of {version}:")
    describe_lms(names)
    print(f"  {DIST / 'SHA256SUMS'}\n      verify with: cd {DIST} && sha256sum -c SHA256SUMS")
    return 0


def list_releases() -> int:
    for version, aliases in sorted(released().items(), key=lambda item: key(item[0]), reverse=True):
        print(version + (f" [{', '.join(aliases)}]" if aliases else ""))
    return 0


def delete(version: str) -> int:
    from mike import commands

    with release_lock():
        recover()
        versions = released()
        if version not in versions:
            raise Refusal(f"{version} is not released (released: {', '.join(versions) or 'none'})")
        if "latest" in versions[version]:
            raise Refusal(f"{version} is what 'latest' points to: release a newer version before deleting it")
        commands.delete([version], branch=BRANCH, message=f"Delete {version}")
    print(f"Deleted {version} from {BRANCH}. Archives already in dist/ are kept.")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Make a versioned release of the course.")
    parser.add_argument("version", nargs="?", help="MAJOR.MINOR.PATCH")
    parser.add_argument("--force", action="store_true", help="replace a version already released")
    parser.add_argument("--list", action="store_true", help="list released versions")
    parser.add_argument("--delete", metavar="VERSION", help="remove a released version")
    parser.add_argument("--lms-only", action="store_true",
                        help="write only the LMS packages (SCORM 1.2 and 2004, Moodle XML, QTI 2.1) to dist/")
    parser.add_argument("--learner-only", action="store_true",
                        help="publish the learner edition (no trainers' section) to the web and offline too; "
                        "the LMS packages are always the learner edition")
    parser.add_argument("--require-organisation", action="store_true",
                        help=f"refuse while any setting in {organisation.FILE} is empty")
    parser.add_argument("--site-url", metavar="URL", help="the address the course will be served from, e.g. "
                        "https://intranet.example/training/ (default: SITE_URL, or site_url in mkdocs.yml)")
    args = parser.parse_args(argv)
    os.chdir(ROOT)  # mike and git work on the repository they are run in
    try:
        if args.list:
            return list_releases()
        if args.delete:
            return delete(args.delete)
        if not args.version:
            raise Refusal("give a version (MAJOR.MINOR.PATCH), --list or --delete VERSION")
        if args.lms_only:
            return lms_only(args.version, args.site_url)
        return release(args.version, args.force, args.site_url, args.require_organisation, args.learner_only)
    except Refusal as reason:
        for line in str(reason).splitlines():
            print(f"release: {line}", file=sys.stderr)
        return 2
    except RuntimeError as error:
        print(f"release: {error}", file=sys.stderr)
        return 1
    except CourseError as error:
        for line in str(error).splitlines():
            print(f"release: {line}", file=sys.stderr)
        return 1
    except OSError as error:  # after the commit point, or outside a release (the lock, the branch)
        print(f"release: cannot write {unwritable(error)}. Fix that and run the same command again: "
              "a release that was ready is finished first", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
