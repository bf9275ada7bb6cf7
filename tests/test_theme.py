"""The course's own code stays theme-neutral, so it builds on Material and on its fork,
MaterialX, alike (README "Engine"): a theme's plugin or template keys are asked of the theme
in use, never named. And the course's fix for what the fork writes leaves Material's pages
as they are. No build: each test takes milliseconds."""
from __future__ import annotations

import re

from conftest import ROOT

from courseware.html.html_fixes import valid_page

FOLDERS = ["overrides", "scripts", "tests", "courseware"]
SUFFIXES = {".py", ".html", ".js", ".mjs", ".css", ".yml", ".yaml", ".json", ".toml", ".sh"}
# A theme's name with a key after it (material/offline, materialx/search, site-packages/
# material/templates) or a theme named outright (`name: material` in a configuration).
THEME_KEY = re.compile(r"(?:\.icons/)?\bmaterialx?/[\w./-]*|\bname:\s*[\"']?materialx?\b")
# Theme-neutral uses, each with its reason. Everything else the pattern finds fails.
ALLOWED = {
    r"\.icons/material/[\w-]+\.svg": "an icon of the Material Design set, which Material and its fork both "
                                     "ship under .icons/material/: a file name, not a theme's key",
    r"material/(menu|magnify)": "the default menu and search icons of Material's header (the same icon set), "
                                "used only when theme.icon names none",
}


def theme_keys() -> list[str]:
    found = []
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*")):
            if (path.suffix not in SUFFIXES or "node_modules" in path.parts or "__pycache__" in path.parts
                    or path == ROOT / "tests/test_theme.py"):
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
                for match in THEME_KEY.finditer(line):
                    if not any(re.fullmatch(allowed, match.group(0).strip("\"'")) for allowed in ALLOWED):
                        found.append(f"{path.relative_to(ROOT)}:{number}: {match.group(0)}")
    return found


def test_no_theme_specific_key_in_the_course_code():
    """Issue 29: `material/offline` broke the build on MaterialX and `material/search` lost its
    search box without a word. Ask the theme in use (`config.theme.name ~ "/search"`)."""
    found = theme_keys()
    assert not found, "a theme's key named outright; ask config.theme.name instead:\n" + "\n".join(found)


def test_the_guard_catches_what_it_is_for():
    """The pattern finds each kind of key issue 29 found, and lets the icons through."""
    lines = ['config.plugins["material/offline"]', '{% if "materialx/search" in config.plugins %}',
             'glob("site-packages/material/templates/bundle.*.js")', '"theme:\\n  name: material\\n"']
    assert all(THEME_KEY.search(line) for line in lines)
    for icon in ['{% include ".icons/material/progress-check.svg" %}', 'or "material/magnify"']:
        match = THEME_KEY.search(icon)
        assert any(re.fullmatch(allowed, match.group(0).strip("\"'")) for allowed in ALLOWED), icon


# MaterialX writes its table-of-contents toggle twice (base.html and nav-item.html).
FORK_PAGE = ('<body><input class="md-toggle" data-md-toggle="toc" type="checkbox" id="__toc" autocomplete="off">'
             '<label class="md-overlay" for="__toc"></label><nav><ul><li>'
             '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'
             '<label class="md-nav__link md-nav__link--active" for="__toc">Page</label></li></ul></nav></body>')
MATERIAL_PAGE = ('<body><input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'
                 '<nav><ul><li><input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'
                 '<label class="md-nav__link md-nav__link--active" for="__toc">Page</label></li></ul></nav></body>')


def test_the_forks_second_toc_toggle_goes_and_materials_stays():
    fixed = valid_page(FORK_PAGE)
    assert fixed.count('id="__toc"') == 1 and 'data-md-toggle="toc" type="checkbox" id="__toc">' in fixed
    assert fixed.count('for="__toc"') == 2, "the labels keep naming the toggle the fork's script reads"
    assert valid_page(MATERIAL_PAGE) == MATERIAL_PAGE
