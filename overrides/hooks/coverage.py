"""Adapter: the coverage map (courseware.model.coverage) becomes the page "What the course covers"."""
from pathlib import Path

from properdocs.exceptions import PluginError
from properdocs.structure.files import File

from courseware import reported_as
from courseware.model import coverage


def on_files(files, config):
    pages = {f.src_uri: f.content_string for f in files.documentation_pages()}
    with reported_as(PluginError):
        covered = coverage.load(Path(config["docs_dir"]), pages)
    files.append(File.generated(config, coverage.PAGE, content=coverage.page(covered, pages)))
    return files
