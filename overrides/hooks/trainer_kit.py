"""Adapter: the trainer kit (courseware.pages.trainer_kit): plan timings checked, agendas and
the schedule filled in, a workbook generated per module."""
from properdocs.exceptions import PluginError
from properdocs.structure.files import File

from courseware import reported_as
from courseware.pages import trainer_kit

_plans: dict = {}


def on_files(files, config):
    pages = {f.src_uri: f.content_string for f in files.documentation_pages()}
    with reported_as(PluginError):
        _plans.clear()
        _plans.update(trainer_kit.read_plans(pages))
    for name in trainer_kit.module_names(pages):
        files.append(File.generated(config, trainer_kit.workbook_path(name),
                                    content=trainer_kit.workbook(name, pages)))
    return files


def on_page_markdown(markdown, page, config, files):
    if not trainer_kit.searchable(page.file.src_uri):
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    with reported_as(PluginError):
        return trainer_kit.expand(page.file.src_uri, markdown, page.meta, _plans)
