"""Splits a plain-text news page into headline, dateline, byline, body and boilerplate.

Scraped pages arrive as the text a browser would show: a headline line, perhaps a
byline, a wire dateline ("BEIRUT (Reuters) -") in front of the first paragraph, the
story, a sign-off name, then site furniture (related links, "Latest news" lists,
share and copyright lines). Some archives flatten all of that into one line. The
splitter classifies lines, then walks them in order; nothing it removes from the body
is thrown away: it goes to ``boilerplate`` or to the field it was recognised as.

Modules: ``rx`` (patterns), ``lines`` (line kinds), ``dateline`` (datelines, page heads,
sign-offs), ``classify`` (the learned line scorer), ``split`` (the walk).
"""

from .dateline import find_dateline, find_dateline_inside, split_lead
from .lines import PageParts, looks_like_headline, looks_like_name, looks_like_prose, split_runon
from .split import split_page

__all__ = [
    "PageParts", "find_dateline", "find_dateline_inside", "looks_like_headline", "looks_like_name",
    "looks_like_prose", "split_lead", "split_page", "split_runon",
]
