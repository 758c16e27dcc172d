"""Governors: words that take another event as complement and change what it means.

"agreed to", "refused to", "urged ... to", "threatened to", "desire to", "denied" take the event
below them and recode it with ``complements.tsv`` (refuse + meet = 125 REJECT; desire +
strengthen relations = 032 AGREE).  Alone they code their default ("refused" = 120) or nothing
("plans").  Innermost governors apply first, so "refused to agree to meet" composes.
"""

from __future__ import annotations

from . import modality as M
from .entries import Governor, Lexicon
from .mentions import ActorFinder
from .syntax import LIGHT_VERBS, children, purpose_clause_only, tree_depth
from .triggers import Cand, noun_licensed
from .words import word_set

OBJECT_CONTROL = word_set("governors", "object_control")
OBJECT_APPEAL = word_set("governors", "object_appeal")
MARKET_NOUNS = word_set("governors", "market_nouns")
MARKET_GOODS = word_set("governors", "market_goods")
REFUSED_ANSWERS = word_set("governors", "refused_answers")


def apply_governors(doc, cands: dict[int, Cand], govs: dict[int, Governor], speech: dict[int, Governor],
                    actors: ActorFinder, lex: Lexicon) -> None:
    """Recodes each governed candidate in ``cands`` (a refusal to speak takes its speech verb from ``speech``)."""
    for gi in sorted(govs, key=lambda i: -tree_depth(doc[i])):
        g = govs[gi]
        gtok = doc[gi]
        if g.pos == "noun" and g.lemma in MARKET_NOUNS and market_demand(gtok):
            continue
        if g.cls == "intent" and g.pos == "verb" and g.lemma in OBJECT_CONTROL and someone_else_acts(gtok):
            # "wants Germany to pay": asking someone else to act is an appeal, not an intent
            g = Governor(g.lemma, g.pos, "appeal", "020", note="object control")
        comp = complement_of(gtok, cands, g)
        if comp is not None and g.cls == "intent" and g.lemma in OBJECT_APPEAL and comp.token.dep_ == "dobj" and comp.token.head.i == gi:
            g = Governor(g.lemma, g.pos, "appeal", "020", note="asks for its object")
        if comp is None and g.cls == "reject":
            # "declined to comment", "refused to elaborate": refusing to speak (CAMEO 011), no rejection
            for ch in gtok.children:
                if ch.dep_ == "xcomp" and ch.i in speech:
                    comp = Cand(ch, "010", speech[ch.i].id, "speech", [ch])
                    del speech[ch.i]
                    break
                if ch.dep_ == "xcomp" and ch.i not in cands and ch.lemma_.lower() in REFUSED_ANSWERS:
                    comp = Cand(ch, "010", f"tidings:answer:{ch.lemma_.lower()}", "speech", [ch])
                    break
        if g.cls == "deny":
            if comp is not None:
                comp.forced_modality = M.REPORTED_DENIAL
                comp.governor = gtok
                if g.default_cameo and gi not in cands:
                    # the denial itself is the denier's act: rejecting the charge (annotation guide)
                    cands[gi] = Cand(gtok, g.default_cameo, g.id, "gov", [gtok], governor=gtok, gov_cls=g.cls)
                continue
        if comp is not None:
            comp.consumed = True
            code, forced = comp.cameo, None
            if g.cls == "plan":
                forced = M.FUTURE
            elif g.cls == "hypothetical":
                forced = M.NEGATED if g.lemma == "fail" else M.HYPOTHETICAL
            elif g.cls != "cause" and comp.gov_cls != g.cls:
                # a cause codes the ordered act ("ordered the newspaper to suspend publication"); an inner
                # governor of the same class is the more specific ("expressed its desire to visit")
                code = lex.combine(g.cls, comp.cameo) or comp.cameo
            new = Cand(gtok, code, f"{g.id}+{comp.rule}", "gov", [gtok, comp.token], governor=gtok, complement=comp,
                       forced_modality=forced)
            if comp.forced_modality and new.forced_modality is None and g.cls in ("plan", "hypothetical"):
                new.forced_modality = comp.forced_modality
            new.gov_cls = g.cls
            cands[gi] = new
        elif g.default_cameo and gi not in cands:
            if g.pos == "noun" and not noun_licensed(gtok, cands, actors):
                continue
            cands[gi] = Cand(gtok, g.default_cameo, g.id, "gov", [gtok], governor=gtok, gov_cls=g.cls)


def market_demand(tok) -> bool:
    """"oil demand", "the demand for power", "the demand for going on holiday": buyers', not a party's."""
    if any(c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in MARKET_GOODS for c in tok.children):
        return True
    for p in children(tok, ("prep",)):
        if p.lower_ == "for":
            for o in p.children:
                if o.dep_ == "pobj" and o.lemma_.lower() in MARKET_GOODS:
                    return True
                if o.dep_ == "pcomp" and any(t.lemma_.lower() in MARKET_GOODS for t in o.subtree):
                    return True
    return False


def someone_else_acts(gtok) -> bool:
    """'wants Germany to pay' (object or own subject in the complement), not 'wants to pay'."""
    comps = [c for c in gtok.children if c.dep_ in ("xcomp", "ccomp")]
    if not comps:
        return False
    if children(gtok, ("dobj",)):
        return True
    own = {t.i for t in children(gtok, ("nsubj",))}
    return any(t.i not in own for c in comps for t in children(c, ("nsubj",)))


def complement_of(gtok, cands: dict[int, Cand], g: Governor) -> Cand | None:
    """The event a governor governs: its clausal complement, or an event noun it takes."""
    order = ("xcomp", "ccomp", "acl", "relcl_no", "advcl", "dobj", "nsubjpass", "attr", "prep", "dative", "acomp")
    kids = sorted(gtok.children, key=lambda c: order.index(c.dep_) if c.dep_ in order else 99)
    for c in kids:
        if c.dep_ in ("xcomp", "ccomp", "acl", "advcl"):
            if c.dep_ == "ccomp" and g.cls not in ("threaten", "deny", "intent", "request", "appeal", "plan", "hypothetical"):
                continue
            if c.dep_ == "advcl" and not any(m.lower_ == "to" for m in c.children):
                continue
            if c.dep_ == "advcl" and g.cls == "intent" and purpose_clause_only(gtok):
                continue  # "sought the president's intervention to stop further killings": a purpose
            hit = first_cand(c, cands)
            if hit is not None:
                return hit
        elif c.dep_ in ("dobj", "nsubjpass", "attr"):
            # what is sought is the object itself, not a clause hung under it ("sought the president's
            # intervention to stop further killings")
            hit = _live(cands, c.i) if g.lemma in OBJECT_APPEAL else _object_cand(c, cands)
            if hit is not None:
                return hit
        elif c.dep_ in ("prep", "dative") and c.lower_ in ("to", "for", "on", "of", "upon"):
            for o in c.children:
                if o.dep_ in ("pobj", "pcomp"):
                    hit = _object_cand(o, cands)
                    if hit is not None:
                        return hit
                    if o.tag_ == "VBG" or o.pos_ == "VERB":
                        hit = first_cand(o, cands)
                        if hit is not None:
                            return hit
        elif c.dep_ == "acomp":  # "is ready to"
            hit = first_cand(c, cands)
            if hit is not None:
                return hit
    return None


def _live(cands: dict[int, Cand], i: int) -> Cand | None:
    c = cands.get(i)
    return c if c is not None and not c.consumed else None


def _object_cand(tok, cands: dict[int, Cand]) -> Cand | None:
    """The event noun a governor takes as object, or the event of a "to"-clause hung under that object
    ("urged Israel to withdraw" parsed with the clause under "Israel")."""
    return _live(cands, tok.i) or _to_clause_cand(tok, cands)


def _to_clause_cand(token, cands):
    """A candidate inside a "to"-infinitive clause that the parser hung under ``token``."""
    for cc in token.children:
        if cc.dep_ in ("acl", "relcl", "xcomp") and any(m.lower_ == "to" for m in cc.children):
            hit = first_cand(cc, cands)
            if hit is not None:
                return hit
    return None


def first_cand(tok, cands: dict[int, Cand]) -> Cand | None:
    c = _live(cands, tok.i)
    if c is not None:
        return c
    # a light verb whose object is the event: "agreed to hold talks"
    if tok.lemma_.lower() in LIGHT_VERBS or tok.pos_ in ("VERB", "AUX", "ADJ"):
        for ch in tok.children:
            if ch.dep_ in ("dobj", "xcomp", "attr", "acomp"):
                c = _live(cands, ch.i)
                if c is not None:
                    return c
                if ch.dep_ == "xcomp":
                    c = first_cand(ch, cands)
                    if c is not None:
                        return c
    return None
