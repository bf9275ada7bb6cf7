#!/usr/bin/env python3
"""Benchmark the course: build cost, scaling, page weight, search and release.

Usage: python scripts/bench.py [--quick] [--output FILE]

Measures in one run on this machine and reports ratios (this machine is noisy; ratios
measured side by side hold better than seconds), prints a table, writes
bench/results.json (or FILE), and exits 1 when a budget in bench/budgets.json is broken.
--quick measures the real course at 1x only (no 5x/20x, no release) and checks no
budget: the test suite runs it so the benchmark cannot rot.
"""
from __future__ import annotations

import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
PARTS = ["mkdocs.yml", "organisation.yml", "docs", "overrides", "quizzes", "scripts", "CHANGELOG.md"]
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
    return timed([sys.executable, "-m", "properdocs", "build", "-f", "mkdocs.yml", "-q", "--clean", "-d", str(site)]
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


def peer_project(project: Path, dest: Path) -> Path:
    """The same markdown under Material's default configuration, quiz markers removed."""
    shutil.copytree(project / "docs", dest / "docs")
    for page in (dest / "docs").rglob("*.md"):
        page.write_text(re.sub(r"<!--\s*(quiz|progress|agenda|course-schedule)\b[^>]*-->", "", page.read_text()))
    (dest / "mkdocs.yml").write_text("site_name: Peer\ntheme:\n  name: material\n")
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


# --- 3 and 4. page weight and search in Chromium, behind nginx with gzip --------------------

def browser_figures(site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    from courseware import csp
    from courseware.preview import serve

    policy = csp.nginx_conf([p.read_text() for p in site.rglob("*.html")])
    with serve(lambda folder: shutil.copytree(site, folder / "latest"), policy) as root:
        base = root + "latest/"
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


# --- 5. release ----------------------------------------------------------------------------

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


# --- report --------------------------------------------------------------------------------

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
        results["browser"] = browser_figures(site)
        if not quick:
            release_s = release_time(work)
            results["release"] = {"seconds": release_s, "release_vs_build": release_s / build_s}
    results["bench_seconds"] = time.perf_counter() - started

    measured = {"build_vs_floor": results["build"]["build_vs_floor"],
                "build_vs_material": results["build"]["build_vs_material"],
                "scaling_20x_vs_1x": results["scaling"].get("scaling_20x_vs_1x"),
                "second_view_kb": results["browser"]["second_view_kb"],
                "home_first_view_kb": results["browser"]["home_first_view_kb"],
                "first_search_result_ms": results["browser"]["first_search_result_ms"],
                "release_vs_build": results.get("release", {}).get("release_vs_build")}
    broken = []
    print(f"{'measure':28} {'value':>10} {'budget':>10}")
    for name, budget in budgets.items():
        value = measured.get(name)
        if value is None:
            print(f"{name:28} {'-':>10} {budget:>10}")
            continue
        ok = value <= budget
        broken += [] if ok else [name]
        print(f"{name:28} {value:10.2f} {budget:10} {'' if ok else 'OVER'}")
    print(f"\nbuild {build_s:.2f} s for {pages} pages; floor {floor_s:.2f} s; default Material {peer_s:.2f} s")
    for key, row in results["scaling"].items():
        if isinstance(row, dict):
            print(f"scaling {key}: {row['pages']} pages in {row['seconds']:.2f} s ({row['ms_per_page']:.1f} ms a page)")
    print(f"HTML: largest {results['pages']['largest_html_kb']:.1f} KB, median {results['pages']['median_html_kb']:.1f} KB; "
          f"search index {results['pages']['search_index_kb']:.0f} KB; bench took {results['bench_seconds']:.0f} s")
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
