"""Adapter: glossary tooltips (courseware.glossary) on every page."""
from pathlib import Path

from properdocs.exceptions import PluginError

from courseware import glossary, reported_as


def on_config(config):
    page = Path(config["docs_dir"]) / glossary.GLOSSARY
    if page.exists():
        with reported_as(PluginError):
            tips = glossary.tooltips(page.read_text(encoding="utf-8"))
        config["mdx_configs"].setdefault("abbr", {})["glossary"] = tips
    return config


def on_page_content(html, **kwargs):
    return glossary.first_use_only(html)
