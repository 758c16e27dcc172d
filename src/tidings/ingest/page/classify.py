"""Learned line scorer: is a line story body, and which line is the headline.

Two logistic regressions trained on rendered news pages of many sites (bench/pages/train.py;
weights in ``tidings/data/ingest/line_model.json``) and applied here with plain Python, so
nothing but the standard library runs at page time. Features read each line in its page:
length, punctuation, link-like text, position, repetition in the page, stop-word density
(running prose is full of function words, menus are not), the density of the lines around it,
how much of its vocabulary the page's long lines share, and the hand-written line kinds and
the rule walk's own decision. The headline is the headline-like line above the body that the
body's lead is about, with letterhead lines ("Ministry of Foreign Affairs") scored down.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from functools import lru_cache
from importlib import resources

from ..patterns import _data_lines
from .lines import KINDS, _Line, line_kind, looks_like_headline

_WORD = re.compile(r"\w+", re.UNICODE)
_LINKY = re.compile(r"[|»›•·>©@#]|https?://|www\.|\.com\b|\b(?:share|tweet|email|print|comments?|subscribe|sign (?:in|up)|log ?in|follow|read more|more)\b", re.I)
_SENT_END = re.compile(r"[.!?][\"'”’)\]]*$")
# a date or time printed near a headline ("Nov 12, 2025", "12/11/2025", "3 hours ago", "By ...")
_DATEISH = re.compile(
    r"\b(?:(?:19|20)\d\d|\d{1,2}:\d\d|\d+\s+(?:hours?|minutes?|days?)\s+ago|updated|published)\b|^by\s", re.I
)


@lru_cache(maxsize=1)
def _model() -> dict:
    path = resources.files("tidings.data.ingest").joinpath("line_model.json")
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@lru_cache(maxsize=1)
def _letterhead_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in _data_lines("letterhead_words.txt"))


def _words(s: str) -> list[str]:
    return _WORD.findall(s.casefold())


def _apply(name: str, x: list[float]) -> float:
    m = _model()[name]
    z = m["intercept"]
    for v, mu, sd, w in zip(x, m["mean"], m["scale"], m["coef"]):
        z += w * (v - mu) / sd
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def line_features(lines: list[_Line], start: int, rule_body: list[int]) -> list[list[float]]:
    """One feature vector per line; ``start`` is where the rule walk began, ``rule_body`` its
    body lines (relative to ``start``)."""
    texts = [ln.text for ln in lines]
    n = len(texts)
    toks = [_words(s) for s in texts]
    nw = [len(t) for t in toks]
    stop = _stop_words()
    counts = Counter(texts)
    # vocabulary of the page's long lines: the story's own words, menus rarely reach it
    vocab: Counter = Counter()
    for t in toks:
        if len(t) >= 20:
            vocab.update({w for w in t if len(w) > 3})
    rb = {start + k for k in rule_body}
    longest = max(range(n), key=lambda k: nw[k]) if n else 0
    first_long = next((k for k in range(n) if nw[k] >= 20), n)
    out = []
    for k, s in enumerate(texts):
        t = toks[k]
        kind = line_kind(s)
        content = [w for w in t if len(w) > 3]
        own = Counter(set(content))
        shared = sum(1 for w in set(content) if vocab[w] - own[w] > 0) / len(set(content)) if content else 0.0
        caps = sum(1 for w in s.split() if w[:1].isupper()) / max(1, len(s.split()))
        ctx = [nw[j] for j in range(max(0, k - 2), min(n, k + 3)) if j != k]
        x = [
            math.log1p(len(s)),
            math.log1p(nw[k]),
            1.0 if _SENT_END.search(s) else 0.0,
            sum(ch in ",.;:" for ch in s) / max(1, nw[k]),
            caps,
            sum(ch.isdigit() for ch in s) / max(1, len(s)),
            1.0 if _LINKY.search(s) else 0.0,
            sum(w in stop for w in t) / max(1, nw[k]),
            k / max(1, n - 1),
            math.log1p(abs(k - longest)),
            1.0 if k < first_long else 0.0,
            math.log1p(sum(ctx) / len(ctx)) if ctx else 0.0,
            math.log1p(max(ctx)) if ctx else 0.0,
            1.0 if counts[s] > 1 else 0.0,
            shared,
            1.0 if k in rb else 0.0,
            1.0 if k < start else 0.0,
        ]
        x.extend(1.0 if kind == kd else 0.0 for kd in KINDS)
        out.append(x)
    return out


def line_probs(lines: list[_Line], start: int, rule_body: list[int]) -> list[float]:
    return [_apply("line", x) for x in line_features(lines, start, rule_body)]


def refine_body(
    lines: list[_Line], probs: list[float], start: int, body: list[int], boiler: set[int]
) -> tuple[list[int], set[int]]:
    """Body lines after the head (relative to ``start``): the rule walk's, less those the model
    is sure are furniture, plus those it is sure are story. A full sentence the rules read as a
    paragraph needs a surer model to be dropped (a story's last short paragraph is story)."""
    m = _model()["line"]
    lo, lo_prose, hi = m["drop_below"], m["drop_prose_below"], m["add_above"]
    keep = set(body)
    out = []
    for k in range(len(probs) - start):
        p = probs[start + k]
        floor = lo_prose if line_kind(lines[start + k].text) == "prose" else lo
        if (k in keep and p >= floor) or (k not in keep and p >= hi):
            out.append(k)
    if not out:
        return body, boiler
    kept = set(out)
    # a subhead the rules kept between two kept paragraphs is the story's own
    out = sorted(kept | {k for k in keep if k - 1 in kept and k + 1 in kept})
    block = main_block(lines, probs, max_gap=m.get("block_gap", 3))
    if block and m.get("block_gap", 0) > 0:
        inside = [k for k in out if block[0] - 1 <= start + k <= block[1] + 1]
        out = inside or out
    new_boiler = (set(boiler) | (keep - set(out))) - set(out)
    return out, new_boiler


def main_block(lines: list[_Line], probs: list[float], max_gap: int = 3) -> tuple[int, int] | None:
    """First and last line of the page's main block of story lines: the run of likely body lines
    (paragraphs of eight words or more start it; gaps of up to ``max_gap`` lines allowed) holding
    most words. A cookie notice, teaser or related-story list away from it is not the story."""
    best: tuple[int, int, int] | None = None  # words, start, end
    cur: tuple[int, int, int] | None = None
    gap = 0
    for k, p in enumerate(probs):
        n = len(lines[k].text.split())
        if p >= 0.5 and (n >= 8 or cur is not None and gap == 0):
            if cur is None or gap > max_gap:
                cur = (0, k, k)
            cur = (cur[0] + n, cur[1], k)
            gap = 0
            if best is None or cur[0] > best[0]:
                best = cur
        else:
            gap += 1
    return (best[1], best[2]) if best else None


def lead_start(lines: list[_Line], probs: list[float]) -> int | None:
    """First line of the main block (the story's lead)."""
    block = main_block(lines, probs, max_gap=2)
    return block[0] if block else None


def headline_candidates(lines: list[_Line], probs: list[float]) -> tuple[list[int], dict[int, list[str]]]:
    """Headline-like lines above the story's lead (the lead's first line included: a long
    headline reads like body to the line model), and the words of the lead's lines."""
    texts = [ln.text for ln in lines]
    lead_at = lead_start(lines, probs)
    if lead_at is None:
        return [], {}
    lead: dict[int, list[str]] = {}
    total = 0
    for k in range(lead_at, len(texts)):
        if probs[k] >= 0.5:
            lead[k] = _words(texts[k])
            total += len(lead[k])
        if total >= 100:
            break
    cands = [
        k for k in range(max(0, lead_at - 100), lead_at + 1)
        if looks_like_headline(texts[k]) and len(texts[k].split()) >= 2
        and (k < lead_at or not _SENT_END.search(texts[k]))
    ]
    return cands, lead


def headline_features(
    lines: list[_Line], k: int, lead_lines: dict[int, list[str]], lead_at: int, rule_pick: int | None
) -> list[float]:
    texts = [ln.text for ln in lines]
    lead = [w for j, ws in lead_lines.items() if j != k for w in ws]
    s = texts[k]
    t = _words(s)
    content = {w for w in t if w not in _stop_words() and len(w) > 2}
    lead_set = set(lead)
    lead_first = set(lead[:30])
    toks = s.split()
    caps = sum(1 for w in toks if w[:1].isupper()) / max(1, len(toks))
    letter = sum(1 for w in t if w in _letterhead_words()) / max(1, len(t))
    later = sum(1 for j in range(k + 1, len(texts)) if texts[j] == s)
    # headlines recur: in breadcrumbs, share texts, "Headline | Site" lines
    tset = set(t)
    echoes = sum(
        1 for j, o in enumerate(texts)
        if j != k and tset and len(tset & set(_words(o))) / len(tset | set(_words(o))) >= 0.6
    )
    near_date = any(_DATEISH.search(texts[j]) for j in range(k + 1, min(len(texts), k + 6)))
    return [
        math.log1p(echoes),
        1.0 if near_date else 0.0,
        sum(1 for w in t if w in _stop_words()) / max(1, len(t)),
        len(content & lead_set) / max(1, len(content)),
        len(content & lead_first) / max(1, len(content)),
        math.log1p(len(content & lead_set)),
        caps,
        1.0 if s.isupper() else 0.0,
        math.log1p(len(t)),
        1.0 if _SENT_END.search(s) else 0.0,
        letter,
        1.0 if later else 0.0,
        1.0 if _LINKY.search(s) else 0.0,
        math.log1p(lead_at - k),
        1.0 if k == rule_pick else 0.0,
        1.0 if line_kind(s) == "name" else 0.0,
        sum(ch.isdigit() for ch in s) / max(1, len(s)),
    ]


def pick_headline(lines: list[_Line], probs: list[float], rule_pick: int | None, rule_title: str | None) -> int | None:
    """Index of the headline line, or None to keep the rule walk's choice."""
    if rule_title is not None and rule_pick is None:
        return None  # taken from inside a flattened line: the rules know that shape best
    cands, lead = headline_candidates(lines, probs)
    if not cands:
        return None
    lead_at = lead_start(lines, probs)
    scored = [(_apply("headline", headline_features(lines, k, lead, lead_at, rule_pick)), k) for k in cands]
    p, k = max(scored)
    if p < _model()["headline"]["threshold"]:
        return None
    return k
