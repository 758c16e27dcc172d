"""Labelled proposals: the rules' events on annotated text, each told whether gold holds it.

Sources, each with its own fixed split (the test parts are only ever scored):

* the project's annotated articles (``annotations/``, split by article in ``sample.tsv``);
* the PLOVER gold-standard sentences and the CAMEO codebook examples (``../shared/gold``), split by a
  hash of the line id (one line in five is test);
* ConfliBERT's quad-labelled sentences, used for argument spans and, weakly, for the main event.

Every rule proposal with a PLOVER type becomes one example for the event model (label: the gold
type it is, or NONE); every actor mention of a matched proposal's sentence becomes one example for
each argument model (label: it is the gold source / target, or not).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..annotations import GoldArticle, load_articles
from ..evaluate_articles import _offset, retold, side_code
from ..events.features import argument_features, candidate_features, story_features

GOLD_SETS = ("dev_plover_gsr.jsonl", "dev_cameo_codebook_examples.jsonl", "dev_conflibert_train.jsonl")


def hash_split(set_name: str, item_id: str) -> str:
    """The fixed split of a development-gold line: test for one line in five, else train/dev 3:1."""
    h = int(hashlib.sha1(f"{set_name}:{item_id}".encode()).hexdigest()[:8], 16)
    return "test" if h % 5 == 0 else ("dev" if h % 5 == 1 else "train")


@dataclass
class Examples:
    events: list[tuple[list[str], str, float]] = field(default_factory=list)  # features, label, weight
    source: list[tuple[list[str], int, float]] = field(default_factory=list)
    target: list[tuple[list[str], int, float]] = field(default_factory=list)


CACHE_DIR: Path | None = None  # set by ``tidings train --cache``: parses kept between runs


def parse(texts: list[str], nlp) -> list:
    """spaCy docs of ``texts``; with a cache folder, each text's parse is read back when the same
    text was parsed before by the same model (retraining after a rule change, or after more articles
    were annotated, parses only what is new)."""
    if CACHE_DIR is None:
        return list(nlp.pipe(texts, batch_size=32))
    from spacy.tokens import DocBin

    tag = "\x00".join([nlp.meta.get("name", ""), nlp.meta.get("version", ""), ""])
    paths = [CACHE_DIR / f"{hashlib.sha1((tag + t).encode()).hexdigest()[:24]}.spacy" for t in texts]
    docs: list = [None] * len(texts)
    for k, path in enumerate(paths):
        if path.exists():
            docs[k] = next(iter(DocBin().from_bytes(path.read_bytes()).get_docs(nlp.vocab)))
    todo = [k for k, d in enumerate(docs) if d is None]
    if todo:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        for k, doc in zip(todo, nlp.pipe([texts[k] for k in todo], batch_size=32)):
            paths[k].write_bytes(DocBin(store_user_data=True, docs=[doc]).to_bytes())
            docs[k] = doc
    return docs


def _parse_sections(articles, nlp):
    """(article, section, doc) for body and headline."""
    keys, texts = [], []
    for k, art in enumerate(articles):
        keys.append((k, "body"))
        texts.append(art.body)
        if art.title:
            keys.append((k, "headline"))
            texts.append(art.title)
    for doc, (k, section) in zip(parse(texts, nlp), keys):
        yield articles[k], section, doc


def _overlaps(a: tuple[int, int], b) -> bool:
    return bool(b) and a[0] < b[1] and b[0] < a[1]


def _add_arguments(ex: Examples, ev, doc, actors, spans: dict[str, list[tuple[int, int]]], weight: float) -> None:
    from ..events.decide import sentence_actors

    cands = sentence_actors(ev, doc, actors)
    for role, bucket in (("source", ex.source), ("target", ex.target)):
        gold = spans.get(role)
        chosen = getattr(ev, role)
        # A side gold leaves empty (an empty list, not an unknown) teaches the model to leave an empty
        # slot empty: every mention of the sentence is then a negative for filling it.
        if gold is None or (not gold and chosen is not None):
            continue
        pool = list(cands) + ([chosen] if chosen is not None and chosen not in cands else [])
        for m in pool:
            label = int(any(_overlaps((m.start, m.end), g) for g in gold))
            bucket.append((argument_features(ev, m, role, doc), label, weight))


def label(ev, g: GoldArticle, base: int) -> tuple[str, dict[str, list[tuple[int, int]]]]:
    """The gold type a proposal of an annotated article reports ("NONE" if none), and the gold
    source/target spans (section offsets) when it reports a gold event of its own sentence.

    The same rule as the scoring's ``match``: a gold event of the proposal's type in its sentence, else
    one of the same type told elsewhere with a side's country in common; a proposal whose trigger is a
    gold event's trigger of another type is labelled with that type (the model may retype it)."""
    pos = base + ev.trigger_start
    same = [e for e in g.events if e.get("sentence_span") and e["sentence_span"][0] <= pos < e["sentence_span"][1]]
    hit = next((e for e in same if e["type"] == ev.plover_type), None)
    if hit is None:
        hit = next((e for e in same if e.get("trigger_span") and _overlaps((pos, base + ev.trigger_end), e["trigger_span"])), None)
    if hit is None:
        triple = (side_code(ev.source), side_code(ev.target), ev.plover_type)
        if any(e["type"] == ev.plover_type and retold(triple, e) for e in g.events):
            return ev.plover_type, {}
        return "NONE", {}
    spans = {}
    for role in ("source", "target"):
        s = hit.get(f"{role}_span")
        if s:
            spans[role] = [(s[0] - base, s[1] - base)]
        elif not hit.get(role):
            spans[role] = []  # the coder found no such side in the article
    return hit["type"], spans


def article_examples(ex: Examples, g: GoldArticle, sections) -> None:
    """Adds the examples of one annotated article: ``sections`` holds (section, doc, actors, proposals,
    offset of the section in the record text)."""
    for section, doc, actors, events, base in sections:
        story = story_features(actors)
        for ev in events:
            if not ev.plover_type or base is None:
                continue
            lab, spans = label(ev, g, base)
            ex.events.append((candidate_features(ev, doc, len(actors), story), lab, 1.0))
            if lab != "NONE" and spans:
                _add_arguments(ex, ev, doc, actors, spans, 1.0)


@dataclass
class Proposed:
    """One annotated article as the rules proposed it: parsed once, decided by any model later
    (the folds of :mod:`.folds` and the threshold sweeps code it many times without re-parsing)."""

    gold: GoldArticle
    article: object  # records.Article
    sections: list  # (section, doc, actors, proposals, offset of the section in the record text)
    examples: Examples

    @property
    def key(self) -> str:
        return f"{self.gold.corpus}:{self.gold.doc}"


def propose_articles(gold: list[GoldArticle], nlp) -> list[Proposed]:
    """Annotated whole articles read the way ``tidings code`` reads them, with their examples."""
    from ..evaluate_articles import read_records
    from ..pipeline import propose
    from ..records import Article

    read = read_records(gold)
    pairs = [(a, g) for a, g in zip(read, gold) if isinstance(a, Article)]  # rejects teach nothing
    by_id = {a.id: g for a, g in pairs}
    secs: dict[str, list] = {}
    for art, section, doc in _parse_sections([a for a, _ in pairs], nlp):
        g = by_id[art.id]
        actors, events = propose(doc, art, section)
        secs.setdefault(art.id, []).append((section, doc, actors, events,
                                            _offset(g.text, art.body if section == "body" else art.title)))
    out = []
    for art, g in zip(read, gold):
        ex = Examples()
        if not isinstance(art, Article):  # scored as ``tidings evaluate`` scores it: its gold events missed
            out.append(Proposed(g, Article(id=g.doc, body=""), [], ex))
            continue
        article_examples(ex, g, secs.get(art.id, []))
        out.append(Proposed(g, art, secs.get(art.id, []), ex))
    return out


def merge(parts) -> Examples:
    ex = Examples()
    for p in parts:
        ex.events += p.events
        ex.source += p.source
        ex.target += p.target
    return ex


def from_articles(gold: list[GoldArticle], nlp) -> Examples:
    """Examples from annotated whole articles, read the way ``tidings code`` reads them."""
    return merge(p.examples for p in propose_articles(gold, nlp))


def _text_spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    out = []
    for w in words or []:
        k = text.find(w) if w else -1
        if k >= 0:
            out.append((k, k + len(w)))
    return out


def _line_spans(r: dict, role: str) -> list[tuple[int, int]] | None:
    """A gold line's spans of one side; an empty list only when its events say the side is empty
    (PLOVER's records give ``"target": []``), None when the set does not code that side at all."""
    evs = r.get("events", [])
    found = [s for g in evs for s in _text_spans(r["text"], g.get(f"{role}_text"))]
    if found:
        return found
    return [] if evs and all(role in g and not g[role] for g in evs) else None


def from_gold_lines(path: Path, split: str, nlp, weight: float = 1.0) -> Examples:
    """Examples from a sentence-level development gold file (its lines of ``split``)."""
    from ..evaluate import _gold_quad, _gold_type
    from ..pipeline import propose

    ex = Examples()
    name = path.name
    items = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if hash_split(name, str(r["id"])) == split:
                items.append(r)
    for r, doc in zip(items, parse([i["text"] for i in items], nlp)):
        actors, events = propose(doc, None, "body")
        story = story_features(actors)
        typed = [e for e in events if e.plover_type]
        if not typed:
            continue
        gold_types = {t for t in map(_gold_type, r.get("events", [])) if t}
        # a quad-only set (ConfliBERT) tells the main proposal only; a CAMEO code's quad is not used here
        quads = [_gold_quad(g) for g in r.get("events", []) if g.get("quad")]
        gold_quad = quads[-1] if quads else None
        spans = {role: _line_spans(r, role) for role in ("source", "target")}
        spans = {role: v for role, v in spans.items() if v is not None}
        main = max(typed, key=lambda e: e.confidence)
        for ev in typed:
            if gold_types:
                label = ev.plover_type if ev.plover_type in gold_types else (
                    next(iter(gold_types)) if len(gold_types) == 1 and len(typed) == 1 else "NONE")
            elif gold_quad is not None:
                if ev is not main:
                    continue  # one labelled event a line: only the main proposal is told
                label = ev.plover_type if ev.quad_class == gold_quad else "NONE"
            else:
                label = "NONE"
            ex.events.append((candidate_features(ev, doc, len(actors), story), label, weight))
            if label != "NONE" and spans:
                _add_arguments(ex, ev, doc, actors, spans, weight)
    return ex


def gold_lines(gold_dir: Path | None, split: str, nlp) -> Examples:
    """The examples of one split of the sentence-level development gold."""
    parts = []
    if gold_dir is not None:
        for name in GOLD_SETS:
            p = gold_dir / name
            if p.exists():
                parts.append(from_gold_lines(p, split, nlp, weight=0.5 if "conflibert" in name else 1.0))
    return merge(parts)


def build(ann_dir: Path, corpus_dir: Path, gold_dir: Path | None, split: str, nlp) -> Examples:
    """All examples of one split."""
    return merge([from_articles(load_articles(ann_dir, corpus_dir, (split,)), nlp), gold_lines(gold_dir, split, nlp)])
