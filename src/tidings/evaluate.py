"""Scores the event coder against gold files (the shape in DESIGN.md).

A gold line is ``{"id", "text", "events": [{"plover"?, "cameo"?, "quad"?, "source"?, "target"?, ...}]}``;
an empty ``events`` list means "no event".  Each line's text is coded as one article body and
compared with its gold events.  Matching rules (they are what the figures mean):

* **PLOVER types** — per line, the *set* of PLOVER types of the predicted ``asserted`` events
  against the set of gold types (gold ``plover``, or the PLOVER type of gold ``cameo`` when a
  set has codes only).  Compound and reciprocal expansions of one trigger, and two triggers of
  the same type in one line, count once, as PLOVER codes one event with actor lists.  A
  predicted type not in gold is a false positive, a gold type not predicted a false negative.
  Micro and per-type precision/recall/F1.  CAMEO 01 statements have no PLOVER type and are
  not counted here.  Events under ``min_confidence`` (background events in relative or
  participial clauses, asides) are not counted as types; the main event is chosen from all.
* **Quad class** — the line's *main* predicted event (asserted events first, then the highest
  confidence, which already favours the clause root over embedded events) against the gold
  quad (``quad`` name, or the quad of gold ``cameo``).  A line with no predicted event counts
  as wrong.  Classes: 0 statement/appeal, 1 verbal coop, 2 material coop, 3 verbal conflict,
  4 material conflict.
* **CAMEO root** — the root (first two digits) of the main event's code against the gold code's
  root, for lines whose gold has ``cameo``.
* **Source / target country** — for gold events with ``source`` (``target``) codes and a
  predicted asserted event of the same PLOVER type (or the main event when gold has no type):
  the predicted actor's country is among the gold codes.
* **Event triples** — per line, the set of (source country, target country, PLOVER type) of the
  counted events against the gold triples (lists of codes expanded; an empty side is "-"; an
  international body is "IGO"; a reciprocal X→Y/Y→X pair matches gold sources X and Y with no
  target).  Gold codes are read with the conventions of :mod:`tidings.actors.gold_codes`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import ontology
from .actors import gold_codes
from .counting import is_counted
from .evaluate_gold import GoldFormatError, GoldItem, read_gold  # noqa: F401 (read here, re-exported for callers)
from .records import Event

QUAD_BY_NAME = {
    "make a statement": 0,
    "statement": 0,
    "neutral": 0,
    "verbal cooperation": 1,
    "material cooperation": 2,
    "verbal conflict": 3,
    "material conflict": 4,
}
NONE = "NONE"
ACTOR_ERRORS: Counter[str] = Counter()  # why the actor stage was skipped while scoring



@dataclass
class LineResult:
    item: GoldItem
    events: list[Event]
    gold_types: set[str]
    pred_types: set[str]
    gold_quad: int | None
    pred_quad: int | None
    gold_root: str | None
    pred_root: str | None
    main: Event | None
    counted: list[Event] = field(default_factory=list)  # asserted events at or above min_confidence


@dataclass
class Report:
    name: str
    lines: list[LineResult] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)

    # ---- PLOVER type scores
    def type_counts(self) -> dict[str, Counter]:
        counts: dict[str, Counter] = defaultdict(Counter)
        for r in self.lines:
            for t in r.pred_types | r.gold_types:
                if t in r.pred_types and t in r.gold_types:
                    counts[t]["tp"] += 1
                elif t in r.pred_types:
                    counts[t]["fp"] += 1
                else:
                    counts[t]["fn"] += 1
        return counts

    def has_types(self) -> bool:
        return any(r.gold_types for r in self.lines)

    def micro(self) -> tuple[float, float, float]:
        tp = fp = fn = 0
        for c in self.type_counts().values():
            tp += c["tp"]
            fp += c["fp"]
            fn += c["fn"]
        return _prf(tp, fp, fn)

    def quad_accuracy(self) -> tuple[float, int]:
        rows = [r for r in self.lines if r.gold_quad is not None]
        if not rows:
            return float("nan"), 0
        return sum(r.pred_quad == r.gold_quad for r in rows) / len(rows), len(rows)

    def root_accuracy(self) -> tuple[float, int]:
        rows = [r for r in self.lines if r.gold_root is not None]
        if not rows:
            return float("nan"), 0
        return sum(r.pred_root == r.gold_root for r in rows) / len(rows), len(rows)

    def country_accuracy(self, side: str) -> tuple[float, int]:
        ok = n = 0
        for r in self.lines:
            for g in r.item.events:
                codes = {c for c in (gold_codes.gold_country(x) for x in (g.get(side) or [])) if c}
                if not codes:
                    continue
                ev = _event_for(r, g)
                if ev is None:
                    continue
                actor = ev.source if side == "source" else ev.target
                n += 1
                if actor is not None and _actor_matches(actor, codes):
                    ok += 1
        return (ok / n if n else float("nan")), n

    def triple_scores(self) -> tuple[float, float, float, int]:
        """(source, target, type) triples per line, for lines whose gold names actors (see :func:`line_triples`)."""
        tp = fp = fn = 0
        n = 0
        for r in self.lines:
            gold, pred = line_triples(r)
            if not gold:
                continue
            n += 1
            tp += len(pred & gold)
            fp += len(pred - gold)
            fn += len(gold - pred)
        p, rc, f = _prf(tp, fp, fn)
        return p, rc, f, n


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _actor_matches(actor, codes: set) -> bool:
    """Gold lists country codes (mapped by :mod:`tidings.actors.gold_codes`), "IGO" for international bodies."""
    return gold_codes.mention_country(actor) in codes


Triple = tuple[str, str, str]


def _side(actor) -> str:
    return gold_codes.mention_country(actor) or "-"


def gold_triples(events: Iterable[dict]) -> set[Triple]:
    """Gold (source country, target country, PLOVER type); lists of codes expand to one triple per
    source × target.  A side with no code, or whose code is not a country/international code, is "-"."""
    out: set[Triple] = set()
    for g in events:
        gt = _gold_type(g)
        srcs = sorted({c for c in (gold_codes.gold_country(x) for x in (g.get("source") or [])) if c})
        tgts = sorted({c for c in (gold_codes.gold_country(x) for x in (g.get("target") or [])) if c})
        if not gt or not (srcs or tgts):
            continue
        out |= {(a, b, gt) for a in (srcs or ["-"]) for b in (tgts or ["-"])}
    return out


def line_triples(r: "LineResult") -> tuple[set[Triple], set[Triple]]:
    """(gold, predicted) triples of one line.

    A predicted triple is (source country, target country, PLOVER type) of a counted event, a side
    being the actor's country, "IGO" for an international body, else "-".  PLOVER lists all
    participants of a reciprocal event as actors with no recipient: our X→Y (or Y→X, or both) names
    the same two participants and matches gold (X, -) and (Y, -).
    """
    gold = gold_triples(r.item.events)
    pred: set[Triple] = set()
    for e in r.counted:
        if not e.plover_type:
            continue
        a, b, t = _side(e.source), _side(e.target), e.plover_type
        if a != "-" and b != "-" and a != b and (a, "-", t) in gold and (b, "-", t) in gold:
            pred |= {(a, "-", t), (b, "-", t)}
        else:
            pred.add((a, b, t))
    return gold, pred


def _main_type(r: LineResult) -> str | None:
    return r.main.plover_type if r.main is not None and r.main.plover_type else None


def _event_for(r: LineResult, gold: dict) -> Event | None:
    asserted = [e for e in r.events if e.modality == "asserted"]
    gt = _gold_type(gold)
    if gt:
        same = [e for e in asserted if e.plover_type == gt]
        return max(same, key=lambda e: e.confidence) if same else None
    return r.main


def _gold_type(g: dict) -> str | None:
    if g.get("plover"):
        return str(g["plover"]).upper()
    code = ontology.normalise_code(g.get("cameo"))
    if code:
        return ontology.lookup(code).plover_type or None
    return None


def _gold_quad(g: dict) -> int | None:
    q = g.get("quad")
    if isinstance(q, int):
        return q
    if isinstance(q, str) and q.strip():
        if q.strip().isdigit():
            return int(q)
        return QUAD_BY_NAME.get(q.strip().lower())
    code = ontology.normalise_code(g.get("cameo"))
    if code:
        return ontology.lookup(code).quad_class
    return None


def main_event(events: Sequence[Event]) -> Event | None:
    """The line's main event: asserted first, then highest confidence, then earliest."""
    if not events:
        return None
    return min(events, key=lambda e: (e.modality != "asserted", -e.confidence, e.sentence_index, e.trigger_start))


Coder = Callable[[Sequence[GoldItem]], Iterable[list[Event]]]


def default_coder(items: Sequence[GoldItem]) -> Iterable[list[Event]]:
    """Codes each text with the full pipeline when available, else nlp → actors → events."""
    try:
        from .pipeline import code_text

        probe = code_text("Officials met.")  # the pipeline's later stages may still be missing
        del probe
    except Exception:
        code_text = None
    if code_text is not None:
        for it in items:
            try:
                yield [e for e in code_text(it.text, pub_date=it.pub_date).events if e.section == "body"]
            except Exception as exc:  # one bad line is reported, not fatal
                yield exc
        return
    yield from local_coder(items)


def local_coder(items: Sequence[GoldItem]) -> Iterable[list[Event]]:
    from .events import extract
    from .nlp import BATCH_SIZE, load_nlp

    try:
        from .actors import recognize
    except ImportError:
        recognize = None
    nlp = load_nlp()
    for it, doc in zip(items, nlp.pipe((i.text for i in items), batch_size=BATCH_SIZE)):
        actors = []
        if recognize is not None:
            try:
                actors = recognize(doc, None, "body")
            except Exception as exc:  # an unfinished actor stage must not stop scoring event types
                ACTOR_ERRORS[type(exc).__name__] += 1
                recognize = None
        yield extract(doc, actors, None, "body")


def evaluate(
    path: str | Path, coder: Coder | None = None, limit: int | None = None, min_confidence: float | None = None
) -> Report:
    items = read_gold(path)
    if limit:
        items = items[:limit]
    report = Report(name=Path(path).name)
    coder = coder or default_coder
    for it, events in zip(items, coder(items)):
        if isinstance(events, Exception):
            report.errors.append((it.id, f"{type(events).__name__}: {events}"))
            events = []
        gold_types = {t for t in (_gold_type(g) for g in it.events) if t}
        asserted = [e for e in events if is_counted(e.modality, e.confidence, min_confidence)]
        pred_types = {e.plover_type for e in asserted if e.plover_type}
        gq = next((q for q in (_gold_quad(g) for g in it.events) if q is not None), None)
        gcode = next((ontology.normalise_code(g.get("cameo")) for g in it.events if g.get("cameo")), None)
        main = main_event(events)
        report.lines.append(
            LineResult(
                item=it,
                events=events,
                gold_types=gold_types,
                pred_types=pred_types,
                gold_quad=gq,
                pred_quad=main.quad_class if main is not None else None,
                gold_root=gcode[:2] if gcode else None,
                pred_root=main.cameo_code[:2] if main is not None else None,
                main=main,
                counted=asserted,
            )
        )
    return report


def summary(report: Report) -> dict[str, float | int]:
    out: dict[str, float | int] = {"lines": len(report.lines)}
    if report.has_types():
        p, r, f = report.micro()
        out.update(plover_precision=round(p, 3), plover_recall=round(r, 3), plover_micro_f1=round(f, 3))
    qa, qn = report.quad_accuracy()
    if qn:
        out["quad_accuracy"] = round(qa, 3)
    ra, rn = report.root_accuracy()
    if rn:
        out["cameo_root_accuracy"] = round(ra, 3)
    for side in ("source", "target"):
        ca, cn = report.country_accuracy(side)
        if cn:
            out[f"{side}_country_accuracy"] = round(ca, 3)
            out[f"{side}_country_n"] = cn
    tp, tr, tf, tn = report.triple_scores()
    if tn:
        out.update(triple_precision=round(tp, 3), triple_recall=round(tr, 3), triple_f1=round(tf, 3), triple_lines=tn)
    return out
