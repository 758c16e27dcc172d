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
from functools import lru_cache
from importlib import resources

from ..patterns import data_lines
from .features import LINKY as _LINKY
from .features import SENT_END as _SENT_END
from .features import context_features, is_caption, line_features, main_block, story_blocks
from .features import stop_words as _stop_words, words as _words
from .lines import _Line, _byline_name, line_kind, looks_like_headline
from .rx import word_count

# a date or time printed near a headline ("Nov 12, 2025", "12/11/2025", "3 hours ago", "By ...")
_DATEISH = re.compile(
    r"\b(?:(?:19|20)\d\d|\d{1,2}:\d\d|\d+\s+(?:hours?|minutes?|days?)\s+ago|updated|published)\b|^by\s", re.I
)


@lru_cache(maxsize=1)
def _model() -> dict:
    path = resources.files("tidings.data.ingest").joinpath("line_model.json")
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _letterhead_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in data_lines("letterhead_words.txt"))


def _apply(name: str, x: list[float]) -> float:
    """A model's probability for feature vector ``x``: a logistic regression ("coef") or a sum of
    small regression trees on the log-odds ("trees": feature, threshold, left, right, value
    arrays; a leaf has left == -1)."""
    m = _model()[name]
    z = m["intercept"]
    if "trees" in m:
        for feat, thr, left, right, value in m["trees"]:
            node = 0
            while left[node] >= 0:
                node = left[node] if x[feat[node]] <= thr[node] else right[node]
            z += m["rate"] * value[node]
    for v, mu, sd, w in zip(x, m.get("mean", ()), m.get("scale", ()), m.get("coef", ())):
        z += w * (v - mu) / sd
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def line_probs(lines: list[_Line], start: int, rule_body: list[int]) -> list[float]:
    """Probability that each line is story body: stage one, then (when the model has it) stage two
    reading each line with its neighbours' and its main block's stage-one scores."""
    probs = [_apply("line", x) for x in line_features(lines, start, rule_body)]
    if "line2" in _model():
        probs = [_apply("line2", x) for x in context_features(lines, probs)]
    return probs


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
        # what the hand rules know to be furniture (tags, share, copyright lines) is not added back
        if (k in keep and p >= floor) or (k not in keep and p >= hi and line_kind(lines[start + k].text) != "furniture"):
            out.append(k)
    if not out:
        return body, boiler
    kept = set(out)
    # a full sentence right after a kept paragraph goes on with the story (its last short
    # paragraph, "Moscow denied targeting civilian infrastructure."), on a lower score
    after = m.get("add_after", hi)
    for k in range(len(probs) - start):
        s = lines[start + k].text
        if (k not in kept and k - 1 in kept and probs[start + k] >= after and len(s.split()) >= 4
                and _SENT_END.search(s) and line_kind(s) != "furniture"):
            kept.add(k)
    # a subhead the rules kept between two kept paragraphs is the story's own
    out = sorted(kept | {k for k in keep if k - 1 in kept and k + 1 in kept})
    blocks = story_blocks(lines, probs, max_gap=m.get("block_gap", 3), share=m.get("join_share", 0.0))
    if blocks and m.get("block_gap", 0) > 0:
        inside = [k for k in out if any(b0 - 1 <= start + k <= b1 + 1 for b0, b1 in blocks)]
        out = inside or out
    new_boiler = (set(boiler) | (keep - set(out))) - set(out)
    return out, new_boiler


def lead_start(lines: list[_Line], probs: list[float]) -> int | None:
    """First line of the story's lead: the main block, or the story's opening above it when a
    list or a table broke the story into runs (``features.story_blocks``)."""
    blocks = story_blocks(lines, probs, max_gap=2, share=_model()["line"].get("join_share", 0.0))
    return blocks[0][0] if blocks else None


# how many lines into the main block a headline may stand (teasers above it joined the block)
HEAD_DEPTH = 4


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
    # a dek or up to three teaser lines can open the main block above the headline: look a few
    # lines into it (a headline there may end in "!" or "?", not in a paragraph's full stop)
    cands = [
        k for k in range(max(0, lead_at - 100), min(len(texts), lead_at + HEAD_DEPTH))
        if looks_like_headline(texts[k]) and word_count(texts[k]) >= 2 and not _byline_name(texts[k])
        and (k < lead_at or not re.search(r"\.[\"'”’)\]]*$", texts[k]) and _story_below(texts, probs, k))
    ]
    # a letterhead ("Ministry of Foreign Affairs", "Republic of the Philippines") is no headline
    # when a headline-like line that is not one stands below it
    cands = [k for k in cands if not (is_letterhead(texts[k]) and any(j > k and not is_letterhead(texts[j]) for j in cands))]
    # nor is a photo caption, nor the "Headline | Site" line of a page title, nor the headline
    # glued to a breadcrumb or a site name ("Home News Business News Headline") when the headline
    # stands alone on another line
    rest = [k for k in cands if not is_caption(texts[k])]
    cands = rest or cands
    rest = [k for k in cands if not any(j != k and _glued(texts[j], texts[k], abs(j - k)) for j in cands)]
    return rest or cands, lead


def _story_below(texts: list[str], probs: list[float], k: int) -> bool:
    """A paragraph of the story stands below line ``k`` (a headline is never the page's last word)."""
    return any(probs[j] >= 0.5 and word_count(texts[j]) >= 8 for j in range(k + 1, len(texts)))


def _glued(head: str, line: str, apart: int) -> bool:
    """``line`` is ``head`` with a site name after a separator ("Floods kill 12 | The Daily Star"),
    or, ``apart`` at most two lines from it, with a few words of furniture run into it before or
    after ("Home News Business News Floods kill 12 in Kenya", "... Kenya by Nation Media")."""
    if line == head or len(line) <= len(head):
        return False
    if line.startswith(head):
        tail = line[len(head) :].strip()
        if tail[:1] in "|-–—:·•" and 1 <= len(tail[1:].split()) <= 4:
            return True
    if apart > 2 or len(head.split()) < 4:
        return False
    extra = line[len(head) :] if line.startswith(head) else line[: -len(head)] if line.endswith(head) else None
    return extra is not None and 1 <= len(extra.split()) <= 6


def is_letterhead(s: str) -> bool:
    """A short capitalised line made mostly of the words of an issuing body's name."""
    toks = s.split()
    t = _words(s)
    if not t or len(toks) > 8 or any(w[:1].islower() and w not in _letterhead_words() for w in toks):
        return False
    return sum(1 for w in t if w in _letterhead_words()) >= 0.75 * len(t)


def _overlap(s: str, vocab: set[str]) -> float:
    content = {w for w in _words(s) if w not in _stop_words() and len(w) > 2}
    return len(content & vocab) / max(1, len(content))


def _caps(s: str) -> float:
    toks = s.split()
    return sum(1 for w in toks if w[:1].isupper()) / max(1, len(toks))


def headline_features(
    lines: list[_Line], k: int, lead_lines: dict[int, list[str]], lead_at: int, cands: list[int] = (),
) -> list[float]:
    """Features of candidate line ``k``; ``cands`` are all the candidates, for the features that
    compare it with the others (a dek below a headline, a breadcrumb that holds it).

    Only what any site's headline shows: what the lead is about, its casing, length and
    punctuation, its distance from the lead and the dek or caption under it. Counts that follow
    one site's template (repeats of the line, a candidate holding another, the candidates
    between it and the lead, the rule walk's pick, letterhead words) were dropped: without them
    the ranker finds more headlines in every site grouping of the cross-validation tried
    (bench/pages/README.md)."""
    texts = [ln.text for ln in lines]
    lead = [w for j, ws in lead_lines.items() if j != k for w in ws]
    s = texts[k]
    t = _words(s)
    content = {w for w in t if w not in _stop_words() and len(w) > 2}
    lead_set = set(lead)
    caps = _caps(s)
    toks = s.split()
    near_date = any(_DATEISH.search(texts[j]) for j in range(k + 1, min(len(texts), k + 6)))
    joined = " " + " ".join(t) + " "
    others = [" " + " ".join(_words(texts[j])) + " " for j in cands if j != k]
    # the headline alone on its line, and again inside a breadcrumb or "Headline | Site" line
    inside_longer = any(len(o) > len(joined) and joined in o for o in others) or any(
        len(o) > len(joined) + 2 and joined in " " + " ".join(_words(o)) + " " for o in texts[max(0, k - 30) : k]
    )
    cand_caps = [_caps(texts[j]) for j in cands] or [caps]
    # a dek or caption about the lead stands below the headline: count the lines above and below
    # this one, among the candidates near it, that are about the lead too
    about = [j for j in cands if abs(j - k) <= 30 and j != k and _overlap(texts[j], lead_set) >= 0.25]
    return [
        1.0 if inside_longer else 0.0,
        caps - max(cand_caps),
        1.0 if k - 1 in cands else 0.0,
        math.log1p(sum(1 for j in about if j < k)),
        # a dek or caption directly below a shorter, more capitalised headline, and that headline
        1.0 if k - 1 in cands and len(texts[k - 1].split()) < len(toks) else 0.0,
        1.0 if k + 1 in cands and len(texts[k + 1].split()) > len(toks) else 0.0,
        caps - _caps(texts[k + 1]) if k + 1 in cands else 0.0,
        math.log1p(sum(1 for j in about if j > k)),
        1.0 if near_date else 0.0,
        sum(1 for w in t if w in _stop_words()) / max(1, len(t)),
        math.log1p(len(content & lead_set)),
        caps,
        1.0 if s.isupper() else 0.0,
        math.log1p(len(t)),
        1.0 if _SENT_END.search(s) else 0.0,
        1.0 if _LINKY.search(s) else 0.0,
        math.log1p(abs(lead_at - k)),
        # the lead's own first paragraph, or a photo caption or dek under the headline, opens the
        # main block too: a long line there is rarely its headline
        1.0 if k >= lead_at and word_count(s) > 16 else 0.0,
        sum(ch.isdigit() for ch in s) / max(1, len(s)),
    ]


def pick_headline(lines: list[_Line], probs: list[float], rule_pick: int | None, rule_title: str | None) -> int | None:
    """Index of the headline line, or None to keep the rule walk's choice."""
    if rule_title is not None and rule_pick is None:
        return None  # taken from inside a flattened line: the rules know that shape best
    cands, lead = headline_candidates(lines, probs)
    if not cands:
        return None
    # a page dumped with its title first ("Floods kill 12 | The Daily Star"): the candidate that
    # line is made of is the headline
    titled = [k for k in cands if k > 0 and _glued(lines[k].text, lines[0].text, len(lines))]
    if titled:
        return titled[0]
    lead_at = lead_start(lines, probs)
    scored = [(_apply("headline", headline_features(lines, k, lead, lead_at, cands)), k) for k in cands]
    p, k = max(scored)
    if p < _model()["headline"]["threshold"]:
        return None
    # a dek or caption right under the headline reads like the story's first lines, so the
    # ranker can take it: the shorter, headline-cased line right above it is the headline
    if k - 1 in cands and _dek_below(lines[k - 1].text, lines[k].text, lead):
        return k - 1
    return k


def _dek_below(head: str, line: str, lead: dict[int, list[str]]) -> bool:
    """``line`` reads as the dek or caption of ``head`` above it: longer, and a full sentence or
    in sentence case under a more capitalised ``head``, with ``head`` about the story. A section label ("Opinion", "GROWING AN
    ONLINE BUSINESS"), a menu or a date above a headline is no headline."""
    n = word_count(head)
    if n < 4 or word_count(line) < n + 3 or _SENT_END.search(head) or head.isupper() or _DATEISH.search(head):
        return False
    if not (_SENT_END.search(line) or _caps(line) < min(0.5, _caps(head))):
        return False
    vocab = set(_words(line)) | {w for ws in lead.values() for w in ws}
    return _overlap(head, vocab) > 0
