"""Adapter: the cast file (courseware.model.cast) becomes the "Who's who" reference page."""
from pathlib import Path

from properdocs.exceptions import PluginError
from properdocs.structure.files import File

from courseware import reported_as
from courseware.model import cast


def on_files(files, config):
    with reported_as(PluginError):
        team = cast.load(Path(config["docs_dir"]))
    files.append(File.generated(config, cast.PAGE, content=cast.team_page(team)))
    return files
