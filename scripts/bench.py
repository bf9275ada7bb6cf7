#!/usr/bin/env python3
"""Benchmark the course: build cost, scaling, page weight, search, layout shift, Lighthouse,
edit-to-reload in `make serve`, and release.

Usage: python scripts/bench.py [--quick] [--output FILE]

Measures in one run on this machine and reports ratios (this machine is noisy; ratios
measured side by side hold better than seconds), prints a table, writes
bench/results.json (or FILE), and exits 1 when a budget in bench/budgets.json is broken
(a name ending in _min is a floor, every other one a ceiling). Lighthouse is the npm
package pinned in bench/node (`make bench` installs it with npm ci).
--quick measures the real course at 1x only (build, page weight and search: no 5x/20x,
layout shift, Lighthouse, serve or release) and checks no budget: the test suite runs it
so the benchmark cannot rot.
"""
from __future__ import annotations

import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Run as ./scripts/bench.py (or with python3), the system's Python has neither the pinned
# packages nor courseware: start again with the course's .venv, which any make target sets up.
_VENV_PYTHON = Path(__file__).resolve().parent.parent / ".venv/bin/python"
if sys.prefix == sys.base_prefix and _VENV_PYTHON.exists():
    os.execv(_VENV_PYTHON, [str(_VENV_PYTHON), *sys.argv])
sys.path.insert(0, str(_VENV_PYTHON.parent.parent.parent))  # the courseware beside this script

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
# The course's configuration: mkdocs.yml, or the one COURSE_CONFIG names (README "Engine").
CONFIG = os.environ.get("COURSE_CONFIG", "mkdocs.yml")
PARTS = sorted({"mkdocs.yml", CONFIG}) + ["organisation.yml", "docs", "overrides", "quizzes", "conversations", "scripts", "CHANGELOG.md"]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def timed(command: list[str], cwd: Path, env: dict | None = None) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env or ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command[:4])} failed in {cwd}:\n{result.stdout}{result.stderr}")
    return elapsed


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for part in PARTS:
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dest / part)
    return dest


def build(project: Path, site: Path, strict: bool = True) -> float:
    return timed([sys.executable, "-m", "properdocs", "build", "-f", CONFIG, "-q", "--clean", "-d", str(site)]
                 + (["--strict"] if strict else []), project)


# --- 1. build against its floor and its peer ---------------------------------------------

FLOOR = """
import sys, time, yaml, markdown
from pathlib import Path
config = yaml.load(open("mkdocs.yml"), Loader=yaml.Loader)
extensions, configs = [], {}
for item in config["markdown_extensions"]:
    name, options = (next(iter(item.items())) if isinstance(item, dict) else (item, None))
    extensions.append(name)
    if options: configs[name] = options
md = markdown.Markdown(extensions=extensions, extension_configs=configs)
out = Path(sys.argv[1]); out.mkdir(exist_ok=True)
for i, page in enumerate(sorted(Path("docs").rglob("*.md"))):
    md.reset()
    (out / f"{i}.html").write_text(md.convert(page.read_text()))
"""


def floor_time(project: Path, work: Path) -> float:
    """Python-Markdown alone, same extensions and options, every page, no theme."""
    script = work / "floor.py"
    script.write_text(FLOOR.replace("yaml.Loader", "ConfigLoader").replace(
        "import sys, time, yaml, markdown",
        "import sys, time, yaml, markdown\n"
        "class ConfigLoader(yaml.UnsafeLoader): pass  # our own mkdocs.yml: !!python/name is trusted\n"
        "ConfigLoader.add_constructor('!ENV', lambda loader, node: None)"))
    return timed([sys.executable, str(script), str(work / "floor-out")], project)


def theme_name(config: Path) -> str:
    """The theme a configuration names, following INHERIT as ProperDocs does (tags ignored)."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !ENV, !!python/name
    settings = yaml.load(config.read_text(), Loader=Loader)
    theme = (settings.get("theme") or {}).get("name")
    return theme or theme_name(config.parent / settings["INHERIT"])


def peer_project(project: Path, dest: Path) -> Path:
    """The same markdown under the course's theme (Material, or its fork) in its default
    configuration, quiz markers removed."""
    shutil.copytree(project / "docs", dest / "docs")
    for page in (dest / "docs").rglob("*.md"):
        page.write_text(re.sub(r"<!--\s*(quiz|progress|agenda|course-schedule)\b[^>]*-->", "", page.read_text()))
    (dest / CONFIG).write_text(f"site_name: Peer\ntheme:\n  name: {theme_name(project / CONFIG)}\n")
    return dest


# --- 2. scaling ----------------------------------------------------------------------------

def synthetic(project: Path, factor: int) -> Path:
    """The course with its modules and question banks copied factor times over."""
    modules = sorted(p for p in (project / "docs/modules").iterdir() if p.is_dir())
    for copy in range(2, factor + 1):
        for module in modules:
            name = f"{module.name}-r{copy}"
            shutil.copytree(module, project / "docs/modules" / name)
            for page in (project / "docs/modules" / name).glob("*.md"):
                page.write_text(page.read_text().replace(f"<!-- quiz {module.name} -->", f"<!-- quiz {name} -->"))
            bank = (project / "quizzes" / f"{module.name}.yml").read_text()
            bank = bank.replace(f"module: {module.name}", f"module: {name}")
            bank = re.sub(r"(?m)^(\s*- id: )(\S+)", rf"\1\2-r{copy}", bank)
            (project / "quizzes" / f"{name}.yml").write_text(bank)
    config = project / "mkdocs.yml"
    text = config.read_text()
    config.write_text(text[:text.index("\nnav:")] + "\n")  # every page, in folder order
    return project


def page_count(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


# --- 3 and 4. page weight, search and layout shift in Chromium, behind nginx with gzip -----

def served(site: Path):
    """The built site behind Debian's nginx with deploy/nginx.conf and the site's own policy."""
    from courseware.release import csp
    from courseware.release.preview import serve

    policy = csp.nginx_conf([p.read_text() for p in site.rglob("*.html")])
    return serve(lambda folder: shutil.copytree(site, folder / "latest"), policy)


def browser_figures(site: Path, base: str) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        transferred: list[int] = []
        cdp.on("Network.loadingFinished", lambda e: transferred.append(int(e["encodedDataLength"])))
        page.goto(base, wait_until="networkidle")
        first = sum(transferred)
        transferred.clear()
        page.locator("a.md-tabs__link", has_text="Coaching").click()
        page.wait_for_load_state("networkidle")
        transferred.clear()
        page.locator(".md-content a", has_text="GROW and SBI").first.click()
        page.wait_for_url("**/grow-and-sbi/")
        page.wait_for_load_state("networkidle")
        lesson_view = sum(transferred)

        page.goto(base, wait_until="networkidle")
        page.locator("label.md-search__icon, .md-search__input").first.click()
        field = page.locator("input.md-search__input")
        field.press_sequentially("BATN", delay=20)
        page.wait_for_timeout(300)
        start = page.evaluate("performance.now()")
        field.press("A")
        page.locator(".md-search-result__item").first.wait_for()
        search_ms = page.evaluate("performance.now()") - start
        browser.close()
    return {"home_first_view_kb": first / 1024, "second_view_kb": lesson_view / 1024, "first_search_result_ms": search_ms}


# Chromium's own record of layout shifts while a page loads, as Lighthouse's CLS counts them
# (shifts within half a second of input are not counted; nothing is clicked here).
LAYOUT_SHIFT = """() => new Promise(done => {
  let total = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
    .observe({type: "layout-shift", buffered: true});
  setTimeout(() => done(total), 600);
})"""
VIEWPORTS = {"phone": {"width": 412, "height": 823}, "desktop": {"width": 1350, "height": 940}}


def layout_shift_figures(site: Path, base: str) -> dict:
    """Cumulative layout shift of every page on a phone and a desktop screen, with saved answers."""
    from playwright.sync_api import sync_playwright

    paths = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    worst: dict[str, tuple[float, str]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, viewport in VIEWPORTS.items():
            page = browser.new_page(viewport=viewport)
            for path in paths:
                url = base + ("" if path == "." else path + "/")
                page.goto(url, wait_until="load")
                shift = page.evaluate(LAYOUT_SHIFT)
                if shift >= worst.get(name, (-1.0, ""))[0]:
                    worst[name] = (shift, path)
            page.close()
        browser.close()
    return {"pages": len(paths), **{f"{name}_worst": {"cls": cls, "page": path} for name, (cls, path) in worst.items()},
            "cls_max": max(cls for cls, _ in worst.values())}


# --- 5. Lighthouse (npm, pinned in bench/node, driving Debian's Chromium) --------------------

LIGHTHOUSE = BENCH / "node/node_modules/lighthouse/cli/index.js"
AUDITED = {"home": "", "lesson with quizzes": "modules/02-coaching/grow-and-sbi/",
           "module summary": "modules/02-coaching/summary/", "My progress": "progress/",
           "study tool (My notebook)": "notebook/", "study tool (Review my questions)": "review/"}
CATEGORIES = ("performance", "accessibility", "best-practices")


def lighthouse(url: str, desktop: bool) -> dict:
    command = ["node", str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
               f"--only-categories={','.join(CATEGORIES)}",
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-quic"]
    result = subprocess.run(command + (["--preset=desktop"] if desktop else []), capture_output=True, text=True,
                            env={**ENV, "CHROME_PATH": CHROMIUM}, timeout=300)
    if result.returncode != 0:
        raise SystemExit(f"bench: Lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    scores = {name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES}
    failing = sorted(audit_id for audit_id, audit in report["audits"].items()
                     if audit.get("score") is not None and audit["score"] < 0.9
                     and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings"))
    return {**scores, "cls": report["audits"]["cumulative-layout-shift"]["numericValue"],
            "lcp_ms": report["audits"]["largest-contentful-paint"]["numericValue"],
            "tbt_ms": report["audits"]["total-blocking-time"]["numericValue"], "below_90": failing}


LIGHTHOUSE_RUNS = 3  # Lighthouse's own advice on variability: report the median of several runs


def median_run(url: str, desktop: bool) -> dict:
    """The run with the median performance score of LIGHTHOUSE_RUNS, with every run's score.
    Layout shift is the worst of all the runs, not the median's."""
    runs = sorted((lighthouse(url, desktop) for _ in range(LIGHTHOUSE_RUNS)), key=lambda run: run["performance"])
    return {**runs[len(runs) // 2], "performance_runs": [run["performance"] for run in runs],
            "cls": max(run["cls"] for run in runs)}


def lighthouse_figures(base: str) -> dict:
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"bench: {LIGHTHOUSE.relative_to(ROOT)} is missing: run `make bench` (it runs npm ci "
                         "in bench/node) or `npm ci --prefix bench/node`")
    runs = {form: {name: median_run(base + path, form == "desktop") for name, path in AUDITED.items()}
            for form in ("mobile", "desktop")}
    figures: dict = {"version": json.loads((LIGHTHOUSE.parent.parent / "package.json").read_text())["version"],
                     "pages": runs}
    for form, pages in runs.items():
        for category in CATEGORIES:
            figures[f"{form}_{category.replace('-', '_')}_min"] = min(page[category] for page in pages.values())
        figures[f"{form}_cls_max"] = max(page["cls"] for page in pages.values())
    return figures


# --- 6. edit to reloaded page in `make serve` ------------------------------------------------

def serve_reload_seconds(project: Path, edits: int = 3) -> list[float]:
    """Seconds from saving a change to one lesson until the open page shows it, each edit."""
    from playwright.sync_api import sync_playwright

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    lesson = project / "docs/modules/02-coaching/grow-and-sbi.md"
    log = project / "serve.log"  # a file, not a pipe: a full pipe would stall the server
    server = subprocess.Popen([sys.executable, "-m", "properdocs", "serve", "-f", CONFIG, "--livereload",
                               "--dev-addr", f"127.0.0.1:{port}"], cwd=project, env=ENV,
                              stdout=subprocess.DEVNULL, stderr=(log_file := log.open("w")))
    seconds = []
    try:
        url = f"http://127.0.0.1:{port}/training/modules/02-coaching/grow-and-sbi/"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            for _ in range(600):  # the first build
                if server.poll() is not None:
                    raise SystemExit(f"bench: `properdocs serve` stopped:\n{log.read_text()[-2000:]}")
                try:
                    page.goto(url, wait_until="load")
                    break
                except Exception:  # noqa: BLE001 - not listening yet
                    time.sleep(0.2)
            else:
                raise SystemExit(f"bench: `properdocs serve` did not answer at {url} within two minutes")
            original = lesson.read_text()
            for n in range(edits):
                page.wait_for_timeout(1500)  # the server settles after the previous reload
                marker = f"Bench edit number {n + 1}."
                start = time.perf_counter()
                lesson.write_text(original.replace("\n## ", f"\n{marker}\n\n## ", 1))
                page.get_by_text(marker).wait_for(timeout=60_000)
                seconds.append(time.perf_counter() - start)
            lesson.write_text(original)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
        log_file.close()
    return seconds


# --- 7. release ----------------------------------------------------------------------------

def release_time(work: Path) -> float:
    repo = copy_project(work / "repo")
    (repo / ".gitignore").write_text("dist/\nsite/\n")
    changelog = repo / "CHANGELOG.md"
    changelog.write_text(changelog.read_text() + "".join(f"\n## [1.{i}.0] - 2026-01-0{i + 1}\n\n- Bench.\n" for i in range(4)))
    git = ["git", "-c", "user.name=Bench", "-c", "user.email=bench@localhost"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "Bench"]):
        subprocess.run(git + command, cwd=repo, check=True, capture_output=True)
    release = [sys.executable, "scripts/release.py"]
    address = ["--site-url", "https://bench.example/training/"]
    for i in range(3):
        timed(release + [f"1.{i}.0"] + address, repo)
    return timed(release + ["1.3.0"] + address, repo)


# --- report ------------------------------------------------------------------------------

def measured_values(results: dict) -> dict:
    """Each budget's name -> the value measured for it (None: not measured in this mode)."""
    lighthouse = results.get("lighthouse", {})
    shifts = [value for value in (results.get("layout_shift", {}).get("cls_max"), lighthouse.get("mobile_cls_max"),
                                  lighthouse.get("desktop_cls_max")) if value is not None]
    reloads = results.get("serve", {}).get("edit_to_reload_seconds")
    return {"build_vs_floor": results["build"]["build_vs_floor"],
            "build_vs_material": results["build"]["build_vs_material"],
            "scaling_20x_vs_1x": results["scaling"].get("scaling_20x_vs_1x"),
            "second_view_kb": results["browser"]["second_view_kb"],
            "home_first_view_kb": results["browser"]["home_first_view_kb"],
            "first_search_result_ms": results["browser"]["first_search_result_ms"],
            "release_vs_build": results.get("release", {}).get("release_vs_build"),
            "edit_to_reload_seconds": statistics.median(reloads) if reloads else None,
            "cls_max": max(shifts) if shifts else None,
            **{name: lighthouse.get(name) for name in (
                "mobile_performance_min", "mobile_accessibility_min", "mobile_best_practices_min",
                "desktop_performance_min", "desktop_accessibility_min", "desktop_best_practices_min")}}


def within(name: str, value: float, budget: float) -> bool:
    """A budget whose name ends in _min is a floor (a score); every other one is a ceiling."""
    return value >= budget if name.endswith("_min") else value <= budget


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    output = Path(argv[argv.index("--output") + 1]) if "--output" in argv else BENCH / "results.json"
    budgets = json.loads((BENCH / "budgets.json").read_text())
    results: dict = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                 "platform": platform.platform()}, "quick": quick}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        project = copy_project(work / "course")
        build_s = build(project, work / "site")
        site = work / "site"
        floor_s = floor_time(project, work)
        peer = peer_project(project, work / "peer")
        peer_s = build(peer, work / "peer-site", strict=False)
        pages = page_count(site)
        results["build"] = {"seconds": build_s, "floor_seconds": floor_s, "material_default_seconds": peer_s,
                            "pages": pages, "build_vs_floor": build_s / floor_s, "build_vs_material": build_s / peer_s}

        scaling = {"1x": {"pages": pages, "seconds": build_s, "ms_per_page": 1000 * build_s / pages}}
        if not quick:
            for factor in (5, 20):
                big = synthetic(copy_project(work / f"course-{factor}x"), factor)
                seconds = build(big, work / f"site-{factor}x", strict=False)
                count = page_count(work / f"site-{factor}x")
                scaling[f"{factor}x"] = {"pages": count, "seconds": seconds, "ms_per_page": 1000 * seconds / count}
                shutil.rmtree(work / f"site-{factor}x")
            scaling["scaling_20x_vs_1x"] = scaling["20x"]["seconds"] / build_s
        results["scaling"] = scaling

        sizes = sorted(p.stat().st_size for p in site.rglob("index.html"))
        index = site / "search/search_index.json"
        results["pages"] = {"largest_html_kb": sizes[-1] / 1024, "median_html_kb": statistics.median(sizes) / 1024,
                            "search_index_kb": index.stat().st_size / 1024}
        with served(site) as root:
            base = root + "latest/"
            results["browser"] = browser_figures(site, base)
            if not quick:
                results["layout_shift"] = layout_shift_figures(site, base)
                results["lighthouse"] = lighthouse_figures(base)
        if not quick:
            results["serve"] = {"edit_to_reload_seconds": serve_reload_seconds(project)}
            release_s = release_time(work)
            results["release"] = {"seconds": release_s, "release_vs_build": release_s / build_s}
    results["bench_seconds"] = time.perf_counter() - started

    measured = measured_values(results)
    broken = []
    print(f"{'measure':28} {'value':>10} {'budget':>10}")
    for name, budget in budgets.items():
        value = measured.get(name)
        if value is None:
            print(f"{name:28} {'-':>10} {budget:>10}")
            continue
        ok = within(name, value, budget)
        broken += [] if ok else [name]
        print(f"{name:28} {value:10.2f} {budget:10} {'' if ok else 'OVER' if not name.endswith('_min') else 'UNDER'}")
    print(f"\nbuild {build_s:.2f} s for {pages} pages; floor {floor_s:.2f} s; default Material {peer_s:.2f} s")
    for key, row in results["scaling"].items():
        if isinstance(row, dict):
            print(f"scaling {key}: {row['pages']} pages in {row['seconds']:.2f} s ({row['ms_per_page']:.1f} ms a page)")
    print(f"HTML: largest {results['pages']['largest_html_kb']:.1f} KB, median {results['pages']['median_html_kb']:.1f} KB; "
          f"search index {results['pages']['search_index_kb']:.0f} KB; bench took {results['bench_seconds']:.0f} s")
    for form, pages_run in results.get("lighthouse", {}).get("pages", {}).items():
        for name, run in pages_run.items():
            print(f"Lighthouse {form:7} {name:34} perf {run['performance']:3} "
                  f"(runs {'/'.join(map(str, run['performance_runs']))}) a11y {run['accessibility']:3} "
                  f"bp {run['best-practices']:3} CLS {run['cls']:.3f} LCP {run['lcp_ms']:.0f} ms"
                  + (f"; below 0.9: {', '.join(run['below_90'])}" if run["below_90"] else ""))
    results["budgets"] = budgets
    results["over_budget"] = broken
    output.parent.mkdir(exist_ok=True)
    output.write_text(json.dumps(results, indent=2) + "\n")
    if broken and not quick:
        print(f"\nOver budget: {', '.join(broken)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
