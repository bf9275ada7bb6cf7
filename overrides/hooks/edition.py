"""Adapter: the course's edition (courseware.model.edition). The learner edition leaves the
trainers' pages out of the navigation and the files, and the trainers-only parts out of
learners' pages."""
from properdocs.exceptions import PluginError
from properdocs.plugins import event_priority

from courseware import reported_as
from courseware.model import edition


def on_config(config):
    with reported_as(PluginError):
        config.extra["edition"] = edition.checked(config.extra.get("edition", edition.FULL))
    if config.extra["edition"] == edition.LEARNER and config["nav"]:
        config["nav"] = edition.learners_nav(config["nav"])
    return config


@event_priority(-90)  # after every hook that adds pages (answer keys, workbooks), before asset names
def on_files(files, config):
    if config.extra["edition"] == edition.LEARNER:
        for file in [f for f in files.documentation_pages() if not edition.for_learners(f.src_uri)]:
            files.remove(file)
    return files


@event_priority(70)  # before any marker is expanded
def on_page_markdown(markdown, page, config, **kwargs):
    if config.extra["edition"] != edition.LEARNER:
        return markdown
    with reported_as(PluginError):
        return edition.learners_markdown(markdown, page.file.src_uri)
