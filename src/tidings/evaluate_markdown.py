"""Writes an evaluation :class:`~tidings.evaluate.Report` as Markdown (``tidings evaluate --report``)."""

from __future__ import annotations

from collections import Counter

from . import ontology
from .evaluate import NONE, Report, _main_type, _prf, line_triples


def report_markdown(report: Report, max_misses: int = 60) -> str:
    """The report as Markdown: the measures, per-type figures, a confusion table and the misses."""
    out = [f"# Event coding evaluation: {report.name}", ""]
    out.append(f"Lines scored: {len(report.lines)}" + (f"; lines that failed to code: {len(report.errors)}" if report.errors else ""))
    out.append("")
    out.append("| measure | value | n |")
    out.append("|---|---|---|")
    if report.has_types():
        p, rc, f = report.micro()
        out.append(f"| PLOVER type micro precision | {p:.3f} | |")
        out.append(f"| PLOVER type micro recall | {rc:.3f} | |")
        out.append(f"| PLOVER type micro F1 | {f:.3f} | {sum(bool(r.gold_types) for r in report.lines)} |")
    qa, qn = report.quad_accuracy()
    if qn:
        out.append(f"| quad-class accuracy (main event) | {qa:.3f} | {qn} |")
    ra, rn = report.root_accuracy()
    if rn:
        out.append(f"| CAMEO root accuracy (main event) | {ra:.3f} | {rn} |")
    for side in ("source", "target"):
        ca, cn = report.country_accuracy(side)
        if cn:
            out.append(f"| {side} country accuracy (matched events) | {ca:.3f} | {cn} |")
    tp_, tr_, tf_, tn_ = report.triple_scores()
    if tn_:
        out.append(f"| (source, target, type) triple P / R / F1 | {tp_:.3f} / {tr_:.3f} / {tf_:.3f} | {tn_} |")
    out.append("")
    if report.has_types():
        out.append("## Per PLOVER type")
        out.append("")
        out.append("| type | precision | recall | F1 | tp | fp | fn |")
        out.append("|---|---|---|---|---|---|---|")
        for t, c in sorted(report.type_counts().items()):
            p, rc, f = _prf(c["tp"], c["fp"], c["fn"])
            out.append(f"| {t} | {p:.3f} | {rc:.3f} | {f:.3f} | {c['tp']} | {c['fp']} | {c['fn']} |")
        out.append("")
    out.extend(_confusion(report))
    out.extend(_misses(report, max_misses))
    out.extend(_triple_misses(report, max_misses))
    if report.errors:
        out.append("## Lines that failed to code")
        out.append("")
        for i, msg in report.errors[:50]:
            out.append(f"- `{i}`: {msg}")
    return "\n".join(out) + "\n"

def _confusion(report: Report) -> list[str]:
    if report.has_types():
        pairs = Counter()
        for r in report.lines:
            for g in sorted(r.gold_types) or [NONE]:
                pred = g if g in r.pred_types else (_main_type(r) or NONE)
                pairs[(g, pred)] += 1
        title = "gold PLOVER type × predicted (the gold type when found, else the main predicted type)"
    else:
        pairs = Counter()
        for r in report.lines:
            if r.gold_quad is None:
                continue
            pairs[(ontology.QUAD_NAMES[r.gold_quad], ontology.QUAD_NAMES.get(r.pred_quad, NONE))] += 1
        title = "gold quad × predicted main-event quad"
    rows = sorted({g for g, _ in pairs})
    cols = sorted({p for _, p in pairs})
    out = [f"## Confusion: {title}", "", "| gold \\ pred | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    for g in rows:
        out.append(f"| {g} | " + " | ".join(str(pairs.get((g, c), "")) for c in cols) + " |")
    out.append("")
    return out

def _misses(report: Report, limit: int) -> list[str]:
    out = ["## Misses", ""]
    n = 0
    for r in report.lines:
        wrong = (r.gold_types and r.gold_types != r.pred_types) or (
            not r.gold_types and r.gold_quad is not None and r.gold_quad != r.pred_quad
        ) or (r.gold_root is not None and r.gold_root != r.pred_root)
        if not wrong:
            continue
        n += 1
        if n > limit:
            continue
        gold = ", ".join(sorted(r.gold_types)) or (ontology.QUAD_NAMES.get(r.gold_quad, "") if r.gold_quad is not None else "")
        if r.gold_root:
            gold += f" (cameo {r.item.events[0].get('cameo')})"
        pred = "; ".join(
            f"{e.plover_type or '-'}/{e.cameo_code}/{e.modality} '{e.trigger_text}'" for e in r.events[:4]
        ) or "no event"
        out.append(f"- `{r.item.id}` gold **{gold}** · predicted {pred}  \n  {r.item.text[:220]}")
    if n > limit:
        out.append(f"- … and {n - limit} more")
    out.append("")
    return out


def _triple_misses(report: Report, limit: int) -> list[str]:
    rows = []
    for r in report.lines:
        gold, pred = line_triples(r)
        if gold and gold != pred:
            rows.append((r, gold, pred))
    if not rows:
        return []
    out = ["## Triple misses", ""]
    fmt = lambda ts: ", ".join("/".join(t) for t in sorted(ts)) or "none"  # noqa: E731
    for r, gold, pred in rows[:limit]:
        actors = "; ".join(
            f"'{e.trigger_text}' {e.source.text if e.source else '-'} → {e.target.text if e.target else '-'}"
            for e in r.counted[:3]
        )
        out.append(f"- `{r.item.id}` gold **{fmt(gold)}** · predicted {fmt(pred)} ({actors or 'no counted event'})  \n  {r.item.text[:220]}")
    if len(rows) > limit:
        out.append(f"- … and {len(rows) - limit} more")
    out.append("")
    return out
