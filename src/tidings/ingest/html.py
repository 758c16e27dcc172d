"""HTML pages: body and metadata with trafilatura, publication date with htmldate.

Trafilatura drops navigation, footers and sidebars; so that nothing vanishes
silently, the text of those elements is collected here as boilerplate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..records import Article, Reject
from .assemble import Source, build_article, resolve_dateline_date
from .page import PageParts, split_page

_TAG = re.compile(r"<\s*[A-Za-z!/?]")
_FURNITURE_XPATH = "//nav | //footer | //aside | //header | //*[@role='navigation'] | //*[@role='contentinfo']"


class BadHtml(ValueError):
    pass


@dataclass
class HtmlPage:
    parts: PageParts
    html_date: str | None = None
    url: str | None = None
    sitename: str | None = None
    meta_author: str | None = None
    furniture: list[str] = field(default_factory=list)


def _tree(html: str):
    import lxml.etree
    import lxml.html

    if not _TAG.search(html[:65536]):
        raise BadHtml("no HTML markup found")
    try:
        tree = lxml.html.document_fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (lxml.etree.ParserError, ValueError) as exc:
        raise BadHtml(f"HTML parser failed: {exc}") from exc
    if tree is None or len(tree) == 0:
        raise BadHtml("HTML parser found no elements")
    return tree


def _furniture_text(tree) -> list[str]:
    out: list[str] = []
    seen: set[int] = set()
    for el in tree.xpath(_FURNITURE_XPATH):
        if any(id(a) in seen for a in el.iterancestors()):
            continue  # nested inside a block already taken
        seen.add(id(el))
        headline = set(el.xpath(".//h1//text()"))  # a page <header> often holds the headline itself
        lines = [" ".join(t.split()) for t in el.itertext() if t not in headline]
        text = " ".join(t for t in lines if t)
        if text:
            out.append(text)
    return out


def _find_date(html: str) -> str | None:
    from htmldate import find_date

    try:
        return find_date(html, original_date=True, extensive_search=False)
    except Exception:  # htmldate raises assorted errors on odd markup; a missing date is fine
        return None


def extract_html(html: str, url: str | None = None) -> HtmlPage:
    """Extracts one page; raises BadHtml when it is not HTML at all.

    An empty ``parts.body`` means HTML that holds no article text.
    """
    import trafilatura

    tree = _tree(html)
    furniture = _furniture_text(tree)  # read before trafilatura, which prunes the tree
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        # only dates the markup states; a guess from "Copyright 2025" would pose as 2025-01-01
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None:
        return HtmlPage(parts=PageParts(body=""), furniture=furniture, html_date=_find_date(html), url=url)
    meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = meta.get("text") or ""
    title = (meta.get("title") or "").strip() or None
    parts = split_page(text, title=title, find_title=title is None, lenient=True)
    if meta.get("author"):
        parts.author = meta["author"].strip()
    html_date = _find_date(html) or meta.get("date")
    return HtmlPage(
        parts=parts,
        html_date=html_date,
        url=meta.get("url") or url,
        sitename=meta.get("sitename") or None,
        meta_author=meta.get("author") or None,
        furniture=furniture,
    )


def html_article(
    html: str,
    src: Source,
    *,
    pub_date: str | None = None,
    extra_dates: list[tuple[str | None, str]] | None = None,
) -> Article | Reject:
    """One HTML page; ``extra_dates`` come after the page's own date (e.g. a WARC capture date)."""
    try:
        page = extract_html(html, url=src.url)
    except BadHtml as exc:
        return Reject(src.path, "bad_html", str(exc), src.locator)
    parts = page.parts
    for block in page.furniture:
        if block not in parts.boilerplate:
            parts.boilerplate.append(block)
    src.url = src.url or page.url
    src.outlet = src.outlet or page.sitename
    ref = pub_date or next((d for d, _ in extra_dates or [] if d), None)
    dates = [(page.html_date, "html"), (resolve_dateline_date(parts.dateline_date, ref), "dateline")]
    dates += extra_dates or []
    dates.append((pub_date, "cli"))
    return build_article(parts, src, html, dates)
