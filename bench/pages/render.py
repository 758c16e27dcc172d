"""Renders the scrapinghub HTML pages (../shared/gold/html_scrapinghub) to plain text the way
scrapers dump pages: every visible block a line, navigation, share links, related links and
footers included. Each line is labelled body / not body by how much of it the ground-truth
article body holds; the headline is the rendered line equal to the page's <h1> (or og:title).

Nothing rendered here is stored in the repository; the page ids of the split live in
bench/pages/split.json and this module regenerates the text from ../shared.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from pathlib import Path
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("TIDINGS_SHARED") or REPO.parent / "shared")
GOLD = SHARED / "gold" / "html_scrapinghub"

BLOCK = set(
    "address article aside blockquote body dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody td tfoot th thead tr ul br button option select label".split()
)
DROP = set("script style noscript template head svg iframe object embed canvas map".split())
_WORD = re.compile(r"\w+", re.UNICODE)


def words(s: str) -> list[str]:
    return _WORD.findall(s.casefold())


def render(html: bytes) -> tuple[list[str], str | None]:
    """(lines, headline text) of one HTML page."""
    import lxml.html
    from lxml import etree

    try:
        text = html.decode("utf-8")
    except UnicodeDecodeError:
        m = re.search(rb"charset=[\"']?([\w-]+)", html[:4000])
        try:
            text = html.decode(m.group(1).decode() if m else "cp1252", errors="replace")
        except LookupError:
            text = html.decode("cp1252", errors="replace")
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    doc = lxml.html.document_fromstring(text)
    # the headline: the h1 (or, failing that, any line) that best matches og:title / <title>
    ref = doc.xpath('//meta[@property="og:title"]/@content') or doc.xpath("//title/text()")
    h1s = [" ".join(h.text_content().split()) for h in doc.xpath("//h1")]
    h1s = [h for h in h1s if h]
    head = None
    if ref:
        rw = set(words(ref[0]))

        def jac(h: str) -> float:
            hw = set(words(h))
            return len(rw & hw) / max(1, len(rw | hw)) if hw else 0.0

        best = max(h1s, key=jac) if h1s else None
        head = best if best and jac(best) >= 0.3 else ("\x00" + ref[0])  # resolved against lines below
    elif h1s:
        head = h1s[0]
    for el in doc.iter(etree.Comment, etree.ProcessingInstruction):
        el.drop_tree() if hasattr(el, "drop_tree") else None
    lines: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        s = " ".join("".join(buf).split())
        if s:
            lines.append(s)
        buf.clear()

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in DROP or (isinstance(el.tag, str) and el.get("hidden") is not None):
            if el.tail:
                buf.append(el.tail)
            return
        block = tag in BLOCK
        if block:
            flush()
        if isinstance(el.tag, str) and el.text:
            buf.append(el.text)
        for ch in el:
            walk(ch)
        if block:
            flush()
        if el.tail:
            buf.append(el.tail)

    body = doc.find("body")
    walk(body if body is not None else doc)
    flush()
    return lines, head


def label(lines: list[str], body: str) -> list[bool]:
    """A line is body when most of its word trigrams (or, for short lines, its words in order)
    occur in the ground-truth body."""
    bw = words(body)
    tri = {tuple(bw[i : i + 3]) for i in range(len(bw) - 2)}
    joined = " " + " ".join(bw) + " "
    out = []
    for s in lines:
        w = words(s)
        if not w:
            out.append(False)
        elif len(w) < 4:
            out.append(f" {' '.join(w)} " in joined and len(w) >= 2)
        else:
            grams = [tuple(w[i : i + 3]) for i in range(len(w) - 2)]
            out.append(sum(g in tri for g in grams) / len(grams) >= 0.5)
    return out


def pages() -> list[dict]:
    """All scrapinghub pages: {id, site, lines, body_labels, headline, gold_body}."""
    truth = json.loads((GOLD / "ground-truth.json").read_text(encoding="utf-8"))
    out = []
    for pid, g in sorted(truth.items()):
        f = GOLD / "html" / f"{pid}.html.gz"
        if not f.exists():
            continue
        lines, head = render(gzip.decompress(f.read_bytes()))
        labels = label(lines, g["articleBody"])
        hidx = None
        if head and head.startswith("\x00"):
            rw = set(words(head[1:]))
            best = (0.0, None)
            for k, s in enumerate(lines[:150]):
                hw = set(words(s))
                j = len(rw & hw) / max(1, len(rw | hw))
                if j > best[0]:
                    best = (j, k)
            hidx = best[1] if best[0] >= 0.5 else None
        elif head:
            hn = " ".join(words(head))
            for k, s in enumerate(lines[:150]):
                if " ".join(words(s)) == hn:
                    hidx = k
                    break
        if hidx is not None:
            labels[hidx] = False  # the headline is not part of the article body
        out.append({
            "id": pid, "site": urlparse(g.get("url") or "").netloc, "lines": lines, "labels": labels,
            "headline": lines[hidx] if hidx is not None else None, "gold_body": g["articleBody"],
        })
    return out


if __name__ == "__main__":
    ps = pages()
    print(len(ps), "pages;", sum(p["headline"] is not None for p in ps), "with a headline line")
    p = ps[3]
    for s, lab in zip(p["lines"][:60], p["labels"]):
        print("B" if lab else ".", "H" if s == p["headline"] else " ", s[:110])
