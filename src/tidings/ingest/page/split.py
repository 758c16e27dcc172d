"""The splitter: walks classified lines into headline, byline, dateline, body and boilerplate."""

from __future__ import annotations


from ...records import Dateline
from ..patterns import furniture_kind, is_section_header
from .rx import (
    _LEAD_NOTE,
    _PHOTO_NOTE,
    _PRESS_HEADER,
    _REPORTING_BY,
    _SLUG,
    _TIMESTAMP,
    _WORD_SLUG,
)
from .lines import (
    PageParts,
    _Line,
    _byline_name,
    _furniture_items,
    _lines,
    is_truncated,
    looks_like_headline,
    looks_like_name,
    looks_like_prose,
    line_kind,
)
from .classify import line_probs, pick_headline, refine_body
from .dateline import (
    _city_names,
    _flattened_head,
    _furniture_line,
    _split_prefix,
    _split_wire_tail,
    find_dateline,
    find_dateline_inside,
)


def split_page(text: str, *, title: str | None = None, find_title: bool = True, lenient: bool = False) -> PageParts:
    """Splits a plain-text page; ``title`` given (HTML metadata) means do not look for one.

    ``lenient``: the text comes from an extractor that already removed the page furniture
    (trafilatura), so short lines (lists, tour dates, subheads) stay in the body and only
    explicit furniture lines, datelines, bylines and wire sign-offs are taken out.
    """
    lines = _lines(text)
    parts = PageParts(body="", title=title)
    boiler: list[str] = []
    i, pick = _split_head(lines, 0, parts, boiler, title=title, find_title=find_title)
    body_idx, tail_boiler, author = _walk_body(lines[i:], lenient=lenient)
    if not lenient and lines:
        probs = line_probs(lines, i, body_idx)
        if find_title and title is None:
            h = pick_headline(lines, probs, pick, parts.title)
            if h is not None and h != pick:
                # the learned pick is another line: the page head starts after it
                parts = PageParts(body="", title=lines[h].text)
                boiler = [ln.text for ln in lines[:h]]
                i, pick = _split_head(lines, h + 1, parts, boiler, title=None, find_title=False)
                body_idx, tail_boiler, author = _walk_body(lines[i:], lenient=lenient)
                probs = line_probs(lines, i, body_idx)
        body_idx, tail_boiler = refine_body(lines, probs, i, body_idx, tail_boiler)
    return _assemble(lines, i, parts, boiler, body_idx, tail_boiler, author)


def _split_head(
    lines: list[_Line], i: int, parts: PageParts, boiler: list[str], *, title: str | None, find_title: bool
) -> tuple[int, int | None]:
    """Reads headline, byline, timestamp and dateline from line ``i`` on; returns where the body
    starts and the index of the line taken as headline (None when none or part of a line)."""
    n = len(lines)
    pick: int | None = None

    # Leading site furniture (navigation, share bars) before the headline.
    while i < n and (_furniture_line(lines[i].text) or is_section_header(lines[i].text)):
        boiler.append(lines[i].text)
        i += 1
    # Desk notes and slugs in front of wire copy: "(SUBS: CORRECTS ...)", "RUGBY-BOTSWANA: ...",
    # "(AP Photos TOK101-103)"
    if i < n:
        m = _PHOTO_NOTE.search(lines[i].text[:300])
        if m:
            boiler.append(m.group(0).strip())
            t = lines[i].text
            lines[i] = _Line((t[: m.start()] + " " + t[m.end() :]).strip(), lines[i].blank_before)
        for rx in (_LEAD_NOTE, _SLUG, _WORD_SLUG):
            m = rx.match(lines[i].text)
            if rx is _WORD_SLUG and m and m.group("slug").casefold() in _city_names():
                continue  # "BEIRUT: ..." is a dateline
            if m and lines[i].text[m.end() :].strip():
                boiler.append(m.group(0).strip().rstrip(":").strip())
                lines[i] = _Line(lines[i].text[m.end() :].strip(), lines[i].blank_before)

    # Headline: the first line when it reads like one and something follows it. Press releases and
    # some sites put labels above it ("Ministry of Foreign Affairs", "Press Release"): among the
    # short lines before the first paragraph, the last headline-like one is the headline.
    if find_title and title is None and i < n - 1:
        lead: list[int] = []
        j = i
        while j < n - 1 and len(lead) < 5:
            s = lines[j].text
            if looks_like_prose(s) or find_dateline(s) is not None or _byline_name(s) or _TIMESTAMP.match(s):
                break
            if not (looks_like_headline(s) or furniture_kind(s) or is_section_header(s)):
                break
            lead.append(j)
            j += 1
        heads = [k for k in lead if looks_like_headline(lines[k].text) and not looks_like_name(lines[k].text)]
        if heads and j < n and (looks_like_prose(lines[j].text) or find_dateline(lines[j].text) or _byline_name(lines[j].text) or _TIMESTAMP.match(lines[j].text) or looks_like_name(lines[j].text)):
            pick = max(heads, key=lambda k: (len(lines[k].text.split()) >= 4, k))
            parts.title = lines[pick].text
            boiler.extend(lines[k].text for k in lead if k != pick)
            i = j
        elif looks_like_headline(lines[i].text) and find_dateline(lines[i].text) is None and _byline_name(lines[i].text) is None:
            parts.title = lines[i].text
            pick = i
            i += 1
    elif title is not None and i < n and lines[i].text.strip() == title.strip():
        i += 1  # extractor repeated the headline at the top of the text

    # Between headline and body: bylines, lone names, timestamps, share bars.
    while i < n:
        s = lines[i].text
        name = _byline_name(s)
        if name:
            parts.author = parts.author or name
            if s.strip() != f"By {name}":
                boiler.append(s)  # keep what the byline says beyond the name
            i += 1
            continue
        ts = _TIMESTAMP.match(s)
        if ts and len(s) <= 80:
            parts.page_date_text = parts.page_date_text or ts.group("date").strip()
            boiler.append(s)
            i += 1
            continue
        if _furniture_line(s) or is_section_header(s) and not looks_like_prose(s):
            boiler.append(s)
            i += 1
            continue
        if looks_like_name(s) and i + 1 < n:
            parts.author = parts.author or s.strip().rstrip(",")
            i += 1
            continue
        break

    # Dateline: alone on a line, or in front of the first paragraph.
    if i < n:
        s = lines[i].text
        d = find_dateline(s)
        if d is not None:
            parts.dateline = Dateline(place=d.place, agency=d.agency, text=d.text(s))
            parts.dateline_date = d.date
            rest = s[d.end :].strip()
            if rest:
                lines[i] = _Line(rest, lines[i].blank_before)
            else:
                i += 1
        elif parts.title is None and find_title:
            d = None if _PRESS_HEADER.search(s[:600]) else find_dateline_inside(s)
            if d is not None:
                t, author, extra = _split_prefix(s[: d.start], d.agency)
                parts.title = t
                parts.author = parts.author or author
                boiler.extend(extra)
                parts.dateline = Dateline(place=d.place, agency=d.agency, text=d.text(s))
                parts.dateline_date = d.date
                lines[i] = _Line(s[d.end :].strip(), lines[i].blank_before)
            else:
                head = _flattened_head(s)
                if head is not None:
                    t, author, extra, offset, printed = head
                    parts.title = t
                    parts.author = parts.author or author
                    boiler.extend(extra)
                    parts.page_date_text = parts.page_date_text or printed
                    lines[i] = _Line(s[offset:].strip(), lines[i].blank_before)

    return i, pick


def _assemble(
    lines: list[_Line], i: int, parts: PageParts, boiler: list[str], body_idx: list[int], tail_boiler: set[int],
    author: str | None,
) -> PageParts:
    if author and not parts.author:
        parts.author = author
    body_lines = [lines[i + k] for k in body_idx]
    in_body = set(body_idx)
    for k, ln in enumerate(lines[i:]):
        if k not in in_body and k in tail_boiler:
            boiler.extend(_furniture_items(ln.text))

    chunks: list[str] = []
    for k, ln in enumerate(body_lines):
        if k and ln.blank_before:
            chunks.append("\n\n")
        elif k:
            chunks.append("\n")
        chunks.append(ln.text)
    body = "".join(chunks).strip()
    if not parts.author:
        for b in boiler:
            r = _REPORTING_BY.search(b)
            if r:
                parts.author = r.group("name").strip().rstrip(";,")
                break
    body, removed, agency, tail_author = _split_wire_tail(body)
    boiler.extend(removed)
    if agency and not parts.dateline.agency:
        parts.dateline.agency = agency
    if tail_author and not parts.author:
        parts.author = tail_author
    parts.body = body
    parts.boilerplate = boiler
    return parts


def _walk_body(lines: list[_Line], lenient: bool = False) -> tuple[list[int], set[int], str | None]:
    """Indices of body lines, indices of boilerplate lines, and a sign-off author name."""
    n = len(lines)
    kinds = [line_kind(ln.text) for ln in lines]

    body: list[int] = []
    boiler: set[int] = set()
    author: str | None = None
    aside = False  # inside a "Related"/"Latest news" block
    for k, kind in enumerate(kinds):
        s = lines[k].text
        if kind == "header":
            aside = not lenient
            boiler.add(k)
        elif kind in ("furniture", "truncated"):
            boiler.add(k)
        elif kind == "byline":
            author = author or _byline_name(s)
            boiler.add(k)  # the whole line ("By X, Staff Reporter") is kept, the name is the author
        elif kind == "prose":
            if aside and not (len(s.split()) >= 30 and not is_truncated(s)) and body:
                boiler.add(k)
            else:
                aside = False
                body.append(k)
        else:  # short lines and names: subheads inside the story, else furniture or a sign-off
            if lenient and not (kind == "name" and k == n - 1 and body):
                body.append(k)
            elif aside:
                boiler.add(k)
            elif any(kinds[j] == "prose" for j in range(k + 1, _next_header(kinds, k))) and body:
                body.append(k)  # a subheading followed by more story
            elif not body and any(kinds[j] == "prose" for j in range(k + 1, n)):
                body.append(k)  # short first paragraph
            elif kind == "name" and author is None and body:
                author = s.strip().rstrip(",")
            else:
                boiler.add(k)
    # A run of three or more short headline-like lines inside the body is a link list.
    run: list[int] = []
    for k in ([] if lenient else body) + [n + 1]:
        if k < n and kinds[k] == "short" and (not run or run[-1] == k - 1):
            run.append(k)
            continue
        if len(run) >= 3:
            boiler.update(run)
        run = [k] if k < n and kinds[k] == "short" else []
    body = [k for k in body if k not in boiler]
    if not body:
        # nothing read as a paragraph (a one-line brief, a table): keep whatever is not furniture
        body = [k for k, kind in enumerate(kinds) if kind in ("prose", "short", "name")]
        boiler.difference_update(body)
    return body, boiler, author


def _next_header(kinds: list[str], k: int) -> int:
    for j in range(k + 1, len(kinds)):
        if kinds[j] == "header":
            return j
    return len(kinds)
