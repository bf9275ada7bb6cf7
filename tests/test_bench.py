"""The benchmark's quick mode (the real course at 1x), so `make bench` cannot rot."""
import json
import subprocess
import sys

from conftest import ROOT


def test_quick_benchmark_measures_everything_it_reports(tmp_path):
    output = tmp_path / "results.json"
    result = subprocess.run([sys.executable, "scripts/bench.py", "--quick", "--output", str(output)], cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    results = json.loads(output.read_text())
    budgets = json.loads((ROOT / "bench/budgets.json").read_text())
    assert results["quick"] is True
    build = results["build"]
    assert build["pages"] > 40 and 0 < build["floor_seconds"] < build["seconds"]
    assert build["build_vs_floor"] == build["seconds"] / build["floor_seconds"]
    browser = results["browser"]
    assert 20 < browser["home_first_view_kb"] < 5000 and 0 < browser["second_view_kb"] < browser["home_first_view_kb"]
    assert 0 < browser["first_search_result_ms"] < 30_000
    assert results["pages"]["search_index_kb"] > 100
    for name in budgets:
        assert name in result.stdout, f"the table leaves out {name}"
