"""Feature vectors of the lines of a plain-text page, for the learned line scorer (``classify``).

Stage one reads each line and its neighbours: length, punctuation, link-like text, position,
repetition in the page (of the line and of its shape: "By STAFF" or "11/20/2019 01:14 PM" under
every teaser of a list), stop-word density (running prose is full of function words, menus are
not), the density of the lines around it, how much of its vocabulary the page's long lines share,
and the hand-written line kinds and the rule walk's own decision. Stage two reads the line in the
light of stage one's scores: its neighbours' scores, whether it lies in or how far it lies from the
page's main block of story lines, and how much of its vocabulary that block shares (a teaser
list's lines share little of the story's words, a story's last short paragraph shares much).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from ..patterns import data_lines, furniture_kind
from .lines import KINDS, _Line, line_kind
from .rx import _SENT_END, word_count

_WORD = re.compile(r"\w+", re.UNICODE)
LINKY = re.compile(
    r"[|»›•·>©@#]|https?://|www\.|\.com\b|\b(?:share|tweet|email|print|comments?|subscribe|sign (?:in|up)"
    r"|log ?in|follow|read more|more)\b",
    re.I,
)
SENT_END = _SENT_END  # one rule for "ends a sentence" across the splitter
# a teaser's headline glued to its summary when the markup between them is dropped ("OptionsThe 49ers")
_GLUED = re.compile(r"[a-z][.!?]?[A-Z][a-z]")
_DIGITS = re.compile(r"\d+")


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@lru_cache(maxsize=1)
def _caption_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.I) for p in data_lines("caption_patterns.txt"))


def is_caption(s: str) -> bool:
    """A photo caption or credit (``data/ingest/caption_patterns.txt``)."""
    return any(rx.search(s) for rx in _caption_patterns())


def words(s: str) -> list[str]:
    return _WORD.findall(s.casefold())


def _shape(s: str) -> str:
    return _DIGITS.sub("0", s.casefold())


def line_features(lines: list[_Line], start: int, rule_body: list[int]) -> list[list[float]]:
    """Stage-one feature vector of each line; ``start`` is where the rule walk began, ``rule_body``
    its body lines (relative to ``start``)."""
    texts = [ln.text for ln in lines]
    n = len(texts)
    toks = [words(s) for s in texts]
    nw = [len(t) for t in toks]
    stop = stop_words()
    stop_share = [sum(w in stop for w in t) / max(1, len(t)) for t in toks]
    kinds = [line_kind(s) for s in texts]
    counts = Counter(texts)
    shapes = Counter(_shape(s) for s in texts)
    # vocabulary of the page's long lines: the story's own words, menus rarely reach it
    vocab: Counter = Counter()
    for t in toks:
        if len(t) >= 20:
            vocab.update({w for w in t if len(w) > 3})
    rb = {start + k for k in rule_body}
    longest = max(range(n), key=lambda k: nw[k]) if n else 0
    first_long = next((k for k in range(n) if nw[k] >= 20), n)
    total = max(1, sum(nw))
    out = []
    for k, s in enumerate(texts):
        t = toks[k]
        content = set(w for w in t if len(w) > 3)
        shared = sum(1 for w in content if vocab[w] - (len(t) >= 20) > 0) / len(content) if content else 0.0
        caps = sum(1 for w in s.split() if w[:1].isupper()) / max(1, len(s.split()))
        near = [j for j in range(max(0, k - 2), min(n, k + 3)) if j != k]
        ctx = [nw[j] for j in near]
        wide = [j for j in range(max(0, k - 3), min(n, k + 4)) if j != k]
        x = [
            math.log1p(len(s)),
            math.log1p(nw[k]),
            1.0 if SENT_END.search(s) else 0.0,
            sum(ch in ",.;:" for ch in s) / max(1, nw[k]),
            caps,
            sum(ch.isdigit() for ch in s) / max(1, len(s)),
            1.0 if LINKY.search(s) else 0.0,
            stop_share[k],
            k / max(1, n - 1),
            math.log1p(abs(k - longest)),
            1.0 if k < first_long else 0.0,
            math.log1p(sum(ctx) / len(ctx)) if ctx else 0.0,
            math.log1p(max(ctx)) if ctx else 0.0,
            1.0 if counts[s] > 1 else 0.0,
            shared,
            1.0 if k in rb else 0.0,
            1.0 if k < start else 0.0,
            math.log1p(shapes[_shape(s)] - 1),
            1.0 if _GLUED.search(s) else 0.0,
            sum(kinds[j] == "prose" for j in wide) / max(1, len(wide)),
            sum(stop_share[j] * nw[j] for j in near) / max(1, sum(ctx)),
            # a short clean page (an extractor's output, a press release) is mostly story
            math.log1p(n),
            nw[k] / total,
        ]
        x.extend(1.0 if kinds[k] == kd else 0.0 for kd in KINDS)
        out.append(x)
    return out


def main_block(lines: list[_Line], probs: list[float], max_gap: int = 3) -> tuple[int, int] | None:
    """First and last line of the page's main block of story lines: the run of likely body lines
    (paragraphs of eight words or more start it; gaps of up to ``max_gap`` lines allowed) holding
    most words. A cookie notice, teaser or related-story list away from it is not the story.
    A comment's header ("Alex on May 14, 2025 at 9:12 am said:", "Reply | Report") or a cookie notice
    ends a run, and once comments have begun a run after them is the story only when no
    paragraph of 30 words stood before them (a long thread outweighs a short story)."""
    runs, best, _ = _runs(lines, probs, max_gap)
    return (runs[best][1], runs[best][2]) if best is not None else None


def story_blocks(
    lines: list[_Line], probs: list[float], max_gap: int = 3, share: float = 0.0
) -> list[tuple[int, int]]:
    """The main block and the other runs of the same story: a list, a table or a run of short
    items (product names, stat lines, interview names) breaks a story into runs, and a run above
    the main block that holds two paragraphs and shares the block's words (``share`` or more of
    its long words are the block's) opens the same story, where a menu or a teaser list shares
    few (photo captions, which share them too, are not counted). No run joins across a comment
    header or a cookie notice; ``share`` 0 keeps the main block alone."""
    runs, best, breaks = _runs(lines, probs, max_gap)
    if best is None:
        return []
    b0, b1 = runs[best][1], runs[best][2]
    if share <= 0:
        return [(b0, b1)]
    vocab = {w for j in range(b0, b1 + 1) if probs[j] >= 0.5 for w in words(lines[j].text) if len(w) > 3}
    out = [(b0, b1)]
    for _, r0, r1 in runs:
        # runs after the main block are mostly related stories on the same subject: only the
        # runs above it (the story's opening before a list or a table) may join
        if r1 >= b0 or any(r1 < k < b0 for k in breaks):
            continue
        story = [j for j in range(r0, r1 + 1) if probs[j] >= 0.5 and not is_caption(lines[j].text)]
        content = [w for j in story for w in words(lines[j].text) if len(w) > 3]
        # a lone line (a dek under the headline, a site notice among photo captions) is no
        # opening, nor a list of other stories' headlines (no sentence ends)
        paragraphs = sum(1 for j in story if word_count(lines[j].text) >= 8 and SENT_END.search(lines[j].text))
        if paragraphs >= 2 and sum(w in vocab for w in content) / len(content) >= share:
            out.append((r0, r1))
    return sorted(out)


def _runs(
    lines: list[_Line], probs: list[float], max_gap: int
) -> tuple[list[tuple[int, int, int]], int | None, list[int]]:
    """The runs of likely body lines (words, first line, last line), the index of the main one
    and the lines that break runs (comment headers, cookie notices)."""
    runs: list[tuple[int, int, int]] = []
    best: int | None = None
    cur: tuple[int, int, int] | None = None
    breaks: list[int] = []
    gap = 0
    comments = cookie = False

    def close() -> None:
        if cur is not None and (not runs or runs[-1][1] != cur[1]):
            runs.append(cur)
        elif cur is not None:
            runs[-1] = cur

    for k, p in enumerate(probs):
        s = lines[k].text
        kind = furniture_kind(s[:300])  # a cookie notice runs long
        if kind in BLOCK_BREAKS:
            close()
            cur, gap = None, 0  # no run goes on across it; a cookie notice's own run is counted from it
            breaks.append(k)
            comments = comments or kind == "comment"
            cookie = kind == "cookie"
            continue
        if cookie:
            # the rest of a cookie notice's run (its categories, "Necessary cookies are ...")
            cookie = p >= 0.5 or gap <= max_gap
            gap = 0 if p >= 0.5 else gap + 1
            if cookie:
                continue
        n = word_count(s)
        if p >= 0.5 and (n >= 8 or cur is not None and gap == 0):
            if cur is None or gap > max_gap:
                close()
                cur = (0, k, k)
            cur = (cur[0] + n, cur[1], k)
            gap = 0
            close()
            held = comments and best is not None and runs[best][0] >= 30 and runs[best][1] < cur[1]
            if (best is None or cur[0] > runs[best][0]) and not held:
                best = len(runs) - 1
        else:
            gap += 1
    return runs, best, breaks


# furniture kinds (data/ingest/boilerplate_lines.tsv) that no story block runs across
BLOCK_BREAKS = frozenset({"comment", "cookie"})


def context_features(lines: list[_Line], probs: list[float]) -> list[list[float]]:
    """Stage-two feature vector of each line, from stage one's scores ``probs``."""
    n = len(lines)
    toks = [words(ln.text) for ln in lines]
    block = main_block(lines, probs)
    b0, b1 = block if block else (n, n)
    vocab: Counter = Counter()
    for j in range(b0, min(n, b1 + 1)):
        if probs[j] >= 0.5:
            vocab.update({w for w in toks[j] if len(w) > 3})
    block_words = sum(len(toks[j]) for j in range(b0, min(n, b1 + 1)))
    total = max(1, sum(len(t) for t in toks))
    # lines whose shape recurs down the page: the dates, "Reply" and "Rating" lines of a comment
    # thread or teaser list; a story's paragraphs are not surrounded by them
    shapes = [_shape(ln.text) for ln in lines]
    counts = Counter(shapes)
    recurring = [counts[sh] >= 3 for sh in shapes]
    out = []
    for k in range(n):
        wide = [recurring[j] for j in range(max(0, k - 3), min(n, k + 4)) if j != k]
        near = [probs[j] for j in range(max(0, k - 3), min(n, k + 4)) if j != k]
        adj = [probs[j] for j in (k - 1, k + 1) if 0 <= j < n]
        content = {w for w in toks[k] if len(w) > 3}
        inside = b0 <= k <= b1 and probs[k] >= 0.5
        shared = sum(1 for w in content if vocab[w] - inside > 0) / len(content) if content else 0.0
        dist = 0 if b0 <= k <= b1 else (b0 - k if k < b0 else k - b1)
        out.append([
            probs[k],
            sum(near) / len(near) if near else 0.0,
            max(adj) if adj else 0.0,
            1.0 if b0 <= k <= b1 else 0.0,
            math.log1p(dist),
            1.0 if k < b0 else 0.0,
            shared,
            math.log1p(len(content)) * shared,
            block_words / total,
            sum(wide) / len(wide) if wide else 0.0,
        ])
    return out
