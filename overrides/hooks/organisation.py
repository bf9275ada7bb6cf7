"""Adapter: the organisation's settings (courseware.model.organisation) in every page, and its
own reference page."""
from pathlib import Path

from properdocs.exceptions import PluginError
from properdocs.plugins import event_priority
from properdocs.structure.files import File

from courseware import reported_as
from courseware.model import edition, organisation

_state: dict = {}


def on_config(config):
    with reported_as(PluginError):
        _state["organisation"] = organisation.load(Path(config["config_file_path"]).parent)
    return config


def on_files(files, config):
    files.append(File.generated(config, "reference/organisation.md",
                                content=organisation.reference_page(_state["organisation"])
                                + edition.note(config.extra["edition"])))
    return files


@event_priority(40)  # after the quiz markers are expanded, before mkdocs-quiz reads the page
def on_page_markdown(markdown, page, **kwargs):
    with reported_as(PluginError):
        return organisation.render(markdown, _state["organisation"], page.file.src_uri)
