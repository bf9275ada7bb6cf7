"""How a finished page loads its files.

Prefetch: a page without quizzes asks the browser to fetch, once it is idle, the scripts
and styles a lesson needs, so the learner's next click loads only that lesson's HTML. The
browser keeps what it prefetched in its cache, so the lesson's own tags find it there; a
page that already loads a file gets no prefetch for it.

Stylesheets in the head: mkdocs-quiz and the review page put their stylesheet where their
markup is, in the body, so the page could paint before it and move when it arrived
(Lighthouse measured a layout shift of 0.16 on a module summary).
"""
from __future__ import annotations

import re

from ..pages import notebook, progress

# What a lesson loads that the home page and the overviews do not (the quiz files have
# names made from their content, so the build passes them in).
LESSON_ASSETS = (progress.CODES, progress.STORE_SCRIPT, progress.SCRIPT, notebook.SCRIPT)


def with_prefetch(page_html: str, page_url: str, quiz_assets: list[str]) -> str:
    """The page with a prefetch link, before </body>, for each lesson asset it does not load."""
    links = []
    for target in [*quiz_assets, *LESSON_ASSETS]:
        href = progress.relative_url(target, page_url)
        if f'src="{href}"' in page_html or f'href="{href}"' in page_html:
            continue
        links.append(f'<link rel="prefetch" href="{href}">')
    if not links or "</body>" not in page_html:
        return page_html
    head, tail = page_html.rsplit("</body>", 1)
    return head + "".join(links) + "</body>" + tail


BODY_STYLESHEET = re.compile(r'<link rel="stylesheet" href="[^"]*">')


def stylesheets_in_head(page_html: str) -> str:
    """The page with every stylesheet link in its body moved to the end of its head."""
    head_end = page_html.find("</head>")
    if head_end < 0:
        return page_html
    body = page_html[head_end:]
    links = BODY_STYLESHEET.findall(body)
    if not links:
        return page_html
    return page_html[:head_end] + "".join(dict.fromkeys(links)) + BODY_STYLESHEET.sub("", body)
