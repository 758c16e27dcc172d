"""Turning a candidate into Event records: its sides, its modality, its code and its confidence.

Modality (``modality.py``): negated, hypothetical, future or reported-denial events are returned but
flagged, so they are never counted as facts.  An announcement is itself a fact, so, following
PLOVER ("the coder should return the single event category"):

* future cooperation (CONSULT, SUPPORT, COOPERATE, AID: "will visit") is an asserted AGREE with
  CAMEO's intent code (036 ...);
* a promised concession or retreat ("will release the hostages") is AGREE with CAMEO's
  intent-to-yield code (035x), as PLOVER's gold-standard records code it;
* an announced harmful act ("will attack", "would blockade", anything "unless ...") is a THREATEN (13x);
* a negated acceptance or yielding ("will not accept", "failed to reach agreement") is a REJECT;
* an ungoverned infinitive states an aim ("blocked roads to demand reforms"), not a fact.
"""

from __future__ import annotations

from .. import ontology
from ..parsed import span_text
from ..records import Event
from . import modality as M
from .confidence import base_confidence, inanimate_source, pair_confidence
from .entries import Lexicon
from .mentions import ActorFinder
from .sides import CONDITION_MARKS, choose_sides, symmetric
from .speech import reporter
from .syntax import clause_head, lemma_of
from .triggers import Cand
from .words import word_set

# Verbs after which an infinitive did happen ("managed to reach", "began to withdraw").
IMPLICATIVE = word_set("modality", "implicative")
REFUSAL_WHEN_NEGATED = word_set("modality", "refusal_when_negated")
COOP_FUTURE_TO_AGREE = word_set("codes", "coop_future_to_agree")
FUTURE_THREAT_CODES = word_set("codes", "future_threat_codes")
ANNOUNCING_AUX = word_set("modality", "announcing_aux")
POLICE_FIRE_CODES = word_set("codes", "police_fire_codes")
POLICE_SECTORS = word_set("codes", "police_sectors")
POLICE_FIRING = "175"  # CAMEO: use tactics of violent repression; PLOVER COERCE by the annotation guide
SIDELESS_NOUN = 0.3  # confidence cap of an event noun with no side found in its sentence


def build_events(c: Cand, doc, sent, si: int, actors: ActorFinder, section: str, article_id: str, speech_tok, according,
                 speech: dict, lex: Lexicon) -> list[Event]:
    """One Event per (source, target) pair of the candidate; none for a noun or speech verb with no side."""
    tok = c.token
    code = c.cameo
    sources, targets, target_note, src_t, reciprocal = choose_sides(c, sent, actors, speech_tok)

    sideless_noun = False
    if not sources and not targets:
        if c.kind == "speech":
            return []
        # an event noun with no side in its sentence is kept as a weak proposal (the decision
        # model may find its sides in the story); below the counting threshold on its own
        sideless_noun = c.kind == "noun"
    if code.startswith("15") and len({(a.country or a.text) for a in sources}) >= 2:
        # PLOVER: joint military exercises are COOPERATE (military), single-side ones MOBILIZE
        code = "062"
        c.rule += " +joint→062"
    if not targets and len(sources) >= 2 and symmetric(code):
        reciprocal = True
    if reciprocal and len(sources) >= 2 and not targets:
        pairs = [(a, b) for a in sources for b in sources if a is not b]
    else:
        pairs = [(s, t) for s in (sources or [None]) for t in (targets or [None])]

    clause, mod = _modality(c, code, speech_tok)
    rec = ontology.lookup(code)
    plover = rec.plover_type
    override = c.plover_override or (c.complement.plover_override if c.complement is not None and c.gov_cls in ("cause", "plan", "hypothetical", "attempt") else None)
    if override:
        plover = override
    rule = c.rule + target_note + (" +no side" if sideless_noun else "")
    for cls, note in _recodings(tok, clause, mod, plover, rec):
        new = lex.combine(cls, code)
        if new:
            code = new
            rec = ontology.lookup(code)
            plover = rec.plover_type
            rule += note
            mod = M.ASSERTED
            break

    by = reporter(c, speech_tok, according, actors)
    trig_text, t0, t1 = _trigger_span(doc, c.span_tokens or [tok])
    base = base_confidence(c, code, speech)
    inanimate = inanimate_source(src_t, sources)
    out = []
    sentence = span_text(sent)
    for s, t in pairs:
        e_code, e_plover, e_rec, e_rule = code, plover, rec, rule
        if code in POLICE_FIRE_CODES and s is not None and s.sector in POLICE_SECTORS:
            # annotation guide (first round): police firing on a mob is COERCE (175), not a gunfight
            e_code, e_plover, e_rec, e_rule = POLICE_FIRING, "COERCE", ontology.lookup(POLICE_FIRING), rule + " +police firing"
        out.append(
            Event(
                article_id=article_id,
                sentence=sentence,
                sentence_index=si,
                section=section,
                trigger_text=trig_text,
                trigger_start=t0 - 0,
                trigger_end=t1,
                plover_type=e_plover,
                cameo_code=e_code,
                source=s,
                target=t,
                plover_mode=e_rec.plover_mode,
                plover_context=list(e_rec.plover_context),
                goldstein=e_rec.goldstein,
                quad_class=e_rec.quad_class,
                modality=mod,
                reported_by=by,
                rule=e_rule,
                confidence=min(SIDELESS_NOUN, pair_confidence(base, inanimate, s, t, mod)) if sideless_noun
                else pair_confidence(base, inanimate and c.kind != "speech", s, t, mod),
            )
        )
    return out


def _modality(c: Cand, code: str, speech_tok) -> tuple[list, str]:
    """(the trigger's clause chain, its modality)."""
    tok = c.token
    clause = [tok]
    if c.kind == "noun" and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and tok.head.i != tok.i:
        clause.append(tok.head)
    if c.kind == "noun" and tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        clause.append(tok.head.head)
    if c.complement is not None:
        clause.append(c.complement.token)
    under_speech = speech_tok is not None
    mod = M.clause_modality(clause, under_speech=under_speech)
    if c.complement is not None and c.kind == "gov":
        # the complement's own auxiliaries don't make the governing act unreal: "agreed that they would meet"
        mod = M.clause_modality([tok], under_speech=under_speech)
        if c.forced_modality:
            mod = M.stronger(mod, c.forced_modality)
    elif c.forced_modality:
        mod = M.stronger(mod, c.forced_modality)
    if _purpose_clause(tok) and not (code[:2] == "14" and c.kind != "gov"):
        # "blocked roads to demand reforms": the aim is not a fact; but "marched to protest" is a protest
        mod = M.stronger(mod, M.HYPOTHETICAL)
    return clause, mod


def _recodings(tok, clause: list, mod: str, plover: str, rec) -> list[tuple[str, str]]:
    """The governor classes (tried in turn, the first the tables know wins) that recode an unreal event.

    A promised concession ("will release the hostages") is CAMEO's intent to yield (035x), PLOVER
    AGREE, as in PLOVER's gold-standard records (the manual's note says CONCEDE).  An announced
    harmful act (ASSAULT + future, or anything "unless ...") is a THREATEN, as is legal action only
    announced ("will move the supreme court").  "will not accept
    refugees", "failed to reach agreement": a refusal (PLOVER REJECT).
    """
    tries = []
    if mod == M.FUTURE:
        if plover in COOP_FUTURE_TO_AGREE or (plover in ("RETREAT", "CONCEDE") and not _conditional(clause)):
            tries.append(("intent", " +future→AGREE"))
        if rec.quad_class == 4 or plover in ("SANCTION", "RETREAT") or _conditional(clause) or any(
            rec.code.startswith(k) for k in FUTURE_THREAT_CODES
        ):
            tries.append(("threaten", " +future→THREATEN"))
    elif mod == M.HYPOTHETICAL and rec.quad_class in (3, 4) and _conditional(clause) and _announced(clause):
        # "would court arrest if the rally is disallowed", "would violate the law if ...": an announced
        # conditional harm is a threat (annotation guide, second round); "could attack if" stays unreal
        tries.append(("threaten", " +conditional→THREATEN"))
    elif mod == M.NEGATED and lemma_of(tok) in REFUSAL_WHEN_NEGATED and plover in ("AGREE", "CONCEDE", "SUPPORT", "RETREAT", "COOPERATE", "AID", ""):
        tries.append(("reject", " +negated→REJECT"))
    return tries


def _trigger_span(doc, toks: list) -> tuple[str, int, int]:
    toks = sorted({t.i: t for t in toks if t is not None}.values(), key=lambda t: t.i)
    first, last = toks[0], toks[-1]
    if last.i - first.i > 5:
        toks = [t for t in toks if t.i <= first.i + 5]
        last = toks[-1]
    text = " ".join(t.text for t in toks) if len(toks) > 1 and last.i - first.i + 1 != len(toks) else doc[first.i : last.i + 1].text
    return text, first.idx, last.idx + len(last.text)


def _announced(clause) -> bool:
    """The clause says what someone will or would do ("would", "will"), not what could happen."""
    return any(c.dep_ == "aux" and c.lower_ in ANNOUNCING_AUX for t in clause for c in t.children)


def _conditional(clause) -> bool:
    for t in clause:
        for c in t.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in c.children):
                return True
    return False


def _purpose_clause(tok) -> bool:
    """An ungoverned infinitive ("... blocked roads to demand reforms") states an aim, not a fact."""
    v = clause_head(tok)
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
        return False
    if v.dep_ not in ("advcl", "xcomp", "acl", "relcl", "ccomp", "conj"):
        return False
    head = v.head
    while v.dep_ == "conj" and head.i != v.i:
        v, head = head, head.head
    return head.lemma_.lower() not in IMPLICATIVE
