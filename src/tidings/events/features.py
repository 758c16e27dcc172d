"""Features of a proposed event and of its candidate arguments, for the learned decision.

The rules propose: a trigger, a type, actors, a modality. What the rules cannot see well is whether
the sentence reports that act as news (habitual, background, quoted, caption, sports, business) and
which of the sentence's actors really acts. These functions describe a proposal with parse and
context features (strings, one-hot); the decision model (:mod:`tidings.events.decide`) weighs them.
Pure functions of one parsed section.
"""

from __future__ import annotations

import re

from ..parsed import char_span, doc_table, span_text
from ..records import ActorMention, Event

_QUOTES = re.compile(r"[\"“”]")


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return f">{edges[-1]}"


def trigger_token(doc, ev: Event):
    span = char_span(doc, ev.trigger_start, ev.trigger_end)
    if span is None or not len(span):
        return None
    return span.root


def _rule_parts(rule: str) -> tuple[str, list[str]]:
    base, *flags = rule.split(" +")
    return base.strip(), [f.split("→")[0].strip() for f in flags]


def _side(prefix: str, a: ActorMention | None) -> list[str]:
    if a is None:
        return [f"{prefix}:none"]
    return [
        f"{prefix}:kind={a.kind}",
        f"{prefix}:sector={a.sector}",
        f"{prefix}:has_country={bool(a.country)}",
        f"{prefix}:from={a.resolved_from}",
        f"{prefix}:igo={a.sector == 'IGO'}",
    ]


def _in_quotes(sent_text: str, offset: int) -> bool:
    """Odd number of quote marks before the trigger: it sits inside a quotation."""
    return len(_QUOTES.findall(sent_text[:offset])) % 2 == 1


def story_features(actors: list[ActorMention]) -> list[str]:
    """What kind of story the section is: how many coded political actors it names, and which sectors."""
    coded = [a for a in actors if a.kind != "place" and (a.country or a.sector)]
    sectors = {a.sector for a in coded if a.sector}
    f = [f"story_coded={_bucket(len(coded), (0, 2, 5, 10, 20))}"]
    f += [f"story_sector={s}" for s in sorted(sectors)]
    return f


def candidate_features(ev: Event, doc, n_actors: int = 0, story: list[str] | None = None) -> list[str]:
    """One-hot features of one proposed event of a parsed section."""
    t = ev.plover_type or "NONE"
    base, flags = _rule_parts(ev.rule or "")
    kind = base.split(":")[1] if base.count(":") >= 2 else base
    f = [
        "bias",
        f"type={t}",
        f"root={ev.cameo_code[:2]}",
        f"rule={base}",
        f"rulekind={kind}",
        f"modality={ev.modality}",
        f"section={ev.section}",
        f"sent={_bucket(ev.sentence_index, (0, 1, 3, 7))}",
        f"conf={round(ev.confidence, 1)}",
        f"reported={ev.reported_by is not None}",
        f"actors={_bucket(n_actors, (0, 2, 5, 10))}",
    ]
    f += story or []
    f.append(f"type={t}|section={ev.section}")
    for side, a in (("src", ev.source), ("tgt", ev.target)):
        if a is not None and a.kind == "pronoun":
            f.append(f"{side}:pronoun={a.text.lower()}")
    f += [f"flag={x}" for x in flags]
    f += [f"type={t}|flag={x}" for x in flags]
    f += _side("src", ev.source) + _side("tgt", ev.target)
    s_c = ev.source.country if ev.source else None
    t_c = ev.target.country if ev.target else None
    f.append(f"self_dyad={bool(s_c and s_c == t_c)}")
    f.append(f"type={t}|src={ev.source.sector if ev.source else 'none'}")
    f.append(f"type={t}|tgt={ev.target.sector if ev.target else 'none'}")
    f.append(f"type={t}|srcc={bool(s_c)}|tgtc={bool(t_c)}")
    tok = trigger_token(doc, ev)
    if tok is not None:
        sent = tok.sent
        f += [
            f"lemma={tok.lemma_.lower()}",
            f"type={t}|lemma={tok.lemma_.lower()}",
            f"pos={tok.pos_}",
            f"dep={tok.dep_}",
            f"tag={tok.tag_}",
            f"head={tok.head.lemma_.lower()}" if tok.head is not tok else "head=ROOT",
            f"headdep={tok.head.dep_}",
            f"is_root={tok.dep_ == 'ROOT'}",
            f"in_quotes={_in_quotes(span_text(sent), tok.idx - sent.start_char)}",
            f"sentlen={_bucket(len(sent), (8, 15, 25, 40))}",
        ]
        for ch in tok.children:
            if ch.dep_ in ("aux", "auxpass", "neg", "advmod", "mark", "prt"):
                f.append(f"child={ch.dep_}:{ch.lower_}")
            elif ch.dep_ in ("dobj", "pobj", "attr", "xcomp", "ccomp", "prep"):
                f.append(f"child={ch.dep_}:{ch.lemma_.lower()}")
        anc = [a for a in tok.ancestors][:3]
        for depth, a in enumerate(anc):
            f.append(f"anc{depth}={a.lemma_.lower()}")
            if a.pos_ == "VERB":
                f.append(f"anc_verb={a.lemma_.lower()}")
        prev = doc[tok.i - 1] if tok.i > sent.start else None
        nxt = doc[tok.i + 1] if tok.i + 1 < sent.end else None
        f.append(f"prev={prev.lower_ if prev is not None else '<s>'}")
        f.append(f"next={nxt.lower_ if nxt is not None else '</s>'}")
        tense = tok.morph.get("Tense")
        f.append(f"tense={tense[0] if tense else 'none'}")
        aspect = tok.morph.get("Aspect")
        f.append(f"aspect={aspect[0] if aspect else 'none'}")
        f.append(f"type={t}|tense={tense[0] if tense else 'none'}")
    else:
        f.append("no_token")
    return f


# --- argument selection -------------------------------------------------------

def _path(tok, other, limit: int = 4) -> str:
    """Dependency path from the trigger to an actor's head: up-steps then down-steps, capped."""
    if tok is None or other is None:
        return "none"
    table = doc_table(tok.doc)
    up_a, up_b = _up(table.head, tok.i), _up(table.head, other.i)
    ids = {t: k for k, t in enumerate(up_a)}
    for kb, t in enumerate(up_b):
        if t in ids:
            ka = ids[t]
            dep = table.dep
            ups = [dep[x] for x in up_a[:ka]]
            downs = [dep[x] for x in up_b[:kb]][::-1]
            if len(ups) + len(downs) > limit:
                return f"long:{len(ups)}:{len(downs)}"
            return "^" + "^".join(ups) + "|v" + "v".join(downs)
    return "none"


def _up(head: list[int], i: int) -> list[int]:
    """Token ``i`` and its ancestors, nearest first (``Token.ancestors``, at most one a token)."""
    out = [i]
    while head[i] != i and len(out) <= len(head):
        i = head[i]
        out.append(i)
    return out


def argument_features(ev: Event, m: ActorMention, role: str, doc) -> list[str]:
    """Features of actor mention ``m`` filling ``role`` ("source"/"target") of proposed event ``ev``."""
    tok = trigger_token(doc, ev)
    span = char_span(doc, m.start, m.end)
    head = span.root if span is not None and len(span) else None
    t = ev.plover_type or "NONE"
    chosen = getattr(ev, role)
    other = ev.target if role == "source" else ev.source
    same = chosen is not None and (chosen.start, chosen.end) == (m.start, m.end)
    is_other = other is not None and (other.start, other.end) == (m.start, m.end)
    before = m.start < ev.trigger_start
    dist = abs((head.i if head is not None else 0) - (tok.i if tok is not None else 0))
    path = _path(tok, head)
    empty = chosen is None
    f = [
        f"{role}:bias",
        f"{role}:rule_choice={same}",
        f"{role}:rule_empty={empty}",  # filling a slot the rules left empty is a different question
        f"{role}:type={t}|rule_empty={empty}",
        f"{role}:other_choice={is_other}",
        f"{role}:before={before}",
        f"{role}:dist={_bucket(dist, (1, 3, 6, 12))}",
        f"{role}:path={path}",
        f"{role}:type={t}|path={path}",
        f"{role}:kind={m.kind}",
        f"{role}:sector={m.sector}",
        f"{role}:has_country={bool(m.country)}",
        f"{role}:from={m.resolved_from}",
        f"{role}:type={t}|kind={m.kind}",
        f"{role}:type={t}|before={before}",
        f"{role}:headdep={head.dep_ if head is not None else 'none'}",
    ]
    if other is not None and not is_other:
        f.append(f"{role}:same_country_as_other={bool(m.country and m.country == other.country)}")
    return f
