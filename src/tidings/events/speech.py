"""Reported speech: who says what is coded, and when saying is itself the event.

"X said Y attacked Z" codes Y→Z ASSAULT with ``reported_by`` = X ("according to X" too).  A speech
verb codes MAKE STATEMENT (CAMEO 010, no PLOVER type: PLOVER drops CAMEO 01) only when nothing
more specific is coded below it.  "X said Y must do Z" is X demanding Z of Y (CAMEO 10, PLOVER
REQUEST), unless the speaker obliges only themselves ("we must ..."); "X said Y should have done Z"
blames Y (CAMEO 111, PLOVER ACCUSE), as does "X said Y had failed to ...".  "asked whether ...",
"when asked about ..." and "... he asked." are questions, not appeals, and so is an instruction
with no one giving it ("the police have been asked to remain alert").  An unresolved "he" in what
a speaker reports is the speaker.
"""

from __future__ import annotations

from ..parsed import span_tokens
from ..records import ActorMention
from .arguments import subject_tokens
from .entries import Governor
from .mentions import ActorFinder, bare_pronoun, coded
from .syntax import children, lemma_of
from .triggers import Cand
from .words import word_set

OBLIGATION_AUX = word_set("governors", "obligation_aux")
OBLIGATION_VERBS = word_set("governors", "obligation_verbs")
MISDEED_VERBS = word_set("governors", "misdeed_verbs")
ATTEMPT_VERBS = word_set("governors", "attempt_verbs")
FAILURE_VERBS = word_set("governors", "failure_verbs")
REGRET_VERBS = word_set("governors", "regret_verbs")
VERBAL_ATTACK_VERBS = word_set("governors", "verbal_attack_verbs")
# "failed to reach agreement" is a refusal (build.py recodes it REJECT), not blame
REFUSAL_WHEN_NEGATED = word_set("modality", "refusal_when_negated")
FIRST_PERSON = word_set("governors", "first_person")
COUNTERFACTUAL_AUX = word_set("governors", "counterfactual_aux")
PERFECT_AUX = word_set("governors", "perfect_aux")
QUESTION_VERBS = word_set("governors", "question_verbs")
QUESTION_WORDS = word_set("governors", "question_words")
QUESTION_PREPS = word_set("governors", "question_preps")
ANSWER_VERBS = word_set("governors", "answer_verbs")
DIRECTIVE_VERBS = word_set("governors", "directive_verbs")
PUBLIC_ADDRESSEES = word_set("governors", "public_addressees")
WARNING_VERBS = word_set("governors", "warning_verbs")
THREAT_CONDITIONS = word_set("governors", "threat_conditions")


def speech_as_requests(doc, speech: dict[int, Governor], govs: dict[int, Governor], cands: dict) -> None:
    """A speech verb over an obligation ("said Y must ...") becomes a request governor; over a
    missed obligation ("said Y should have ...") an accusation of Y."""
    for si_tok in list(speech):
        st = doc[si_tok]
        for cc in st.children:
            if cc.dep_ != "ccomp" or not _obligation(cc):
                continue
            if any(c.dep_ == "aux" and c.lower_ in PERFECT_AUX for c in cc.children):
                # "should have consulted" blames; "must have realised" only guesses
                if any(c.dep_ == "aux" and c.lower_ in COUNTERFACTUAL_AUX for c in cc.children):
                    _accusing_speech(st, cands, speech, "should have")
                break
            if any(t.lower_ in FIRST_PERSON and t.pos_ == "PRON" for t in subject_tokens(cc)[0]):
                break  # "we must work together": the speakers' own resolve
            govs[si_tok] = Governor(st.lemma_.lower(), "verb", "request", "100", note="must")
            del speech[si_tok]
            break


def regrets_as_criticism(cands: dict) -> None:
    """"regretted that the board had not been consulted": criticism of whoever the clause says acted."""
    for i, c in list(cands.items()):
        if c.kind == "verb" and lemma_of(c.token) in REGRET_VERBS and any(ch.dep_ == "ccomp" for ch in c.token.children):
            cands[i] = Cand(c.token, "111", f"tidings:accuse:{lemma_of(c.token)} (that ...)", "verb", [c.token])


def warnings_not_threats(sent, govs: dict[int, Governor], cands: dict) -> None:
    """A warning is a threat when it says what happens otherwise ("warned that protests will be held
    if ...", "... or they would face the ire"); a forecast or advice ("warned that the market could
    crash", "warned that terrorists may sneak in", "warned motorists to stay away") threatens no one.
    What a forecast says is not a fact either, so the word stays a governor that makes it unreal."""
    tokens = span_tokens(sent)
    if not any(lemma_of(t) in WARNING_VERBS for t in tokens):
        return
    conditional = any(t.lower_ in THREAT_CONDITIONS and (t.lower_ != "or" or (t.dep_ == "cc" and t.head.pos_ in ("VERB", "AUX")))
                      for t in tokens)
    for tok in tokens:
        i = tok.i
        if lemma_of(tok) not in WARNING_VERBS or (conditional and not _to_the_public(tok)):
            continue
        g = govs.get(i)
        if g is not None and g.cls == "threaten":
            govs[i] = Governor(g.lemma, g.pos, "hypothetical", "", note="a warning")
        c = cands.get(i)
        if c is not None and c.cameo.startswith("13") and c.token.i == i:
            del cands[i]


def attacks_while_speaking(cands: dict, speech: dict[int, Governor]) -> None:
    """"attacking the VHP, Yadav said ...": an attack made in the words of the statement it frames is
    criticism (CAMEO 111), whom it attacks its target."""
    for i, c in list(cands.items()):
        tok = c.token
        if (c.kind == "verb" and lemma_of(tok) in VERBAL_ATTACK_VERBS and not c.cameo.startswith("11")
                and tok.tag_ == "VBG" and tok.dep_ == "advcl" and tok.head.i in speech):
            cands[i] = Cand(tok, "111", f"tidings:accuse:{lemma_of(tok)} (while speaking)", "verb", [tok])


def appeals_not_coded(doc, govs: dict[int, Governor]) -> None:
    """"asked whether ...", "when asked about ...", "... he asked.": a question, not an appeal; so is an
    instruction no one is said to give ("the police have been asked to remain alert"), and an appeal
    to the public at large ("appealed to the public for information"), and a directive no one is said
    to give ("the collectors have been directed to deploy force").  What they ask for is not a fact
    either, so the word stays a governor that makes its complement unreal."""
    for gi, g in list(govs.items()):
        if g.cls in ("request", "appeal") and g.lemma in DIRECTIVE_VERBS and _unattributed(doc[gi]):
            govs[gi] = Governor(g.lemma, g.pos, "hypothetical", "", note="no one directs")
            continue
        if g.cls != "appeal":
            continue
        tok = doc[gi]
        asking = g.lemma in QUESTION_VERBS
        note = ("a question" if asking and _a_question(tok) else "no one asks" if asking and _unattributed(tok)
                else "the public asked" if _to_the_public(tok) else "")
        if note:
            govs[gi] = Governor(g.lemma, g.pos, "hypothetical", "", note=note)


def speech_as_accusations(doc, speech: dict[int, Governor], govs: dict[int, Governor], cands: dict,
                          actors: ActorFinder) -> None:
    """A speech verb over a misdeed that codes nothing itself ("said the ministers had neglected the
    issue") becomes an accusation by the speaker; so does one over an actor's failure ("said the
    state government had failed to protect the minorities")."""
    for si_tok in list(speech):
        st = doc[si_tok]
        for cc in st.children:
            if cc.dep_ != "ccomp":
                continue
            if lemma_of(cc) in FAILURE_VERBS and not any(m.dep_ == "neg" for m in cc.children) and not any(
                x.dep_ == "xcomp" and lemma_of(x) in REFUSAL_WHEN_NEGATED for x in cc.children
            ) and any(actors.best(t) is not None for t in subject_tokens(cc)[0]):
                _accusing_speech(st, cands, speech, "a reported failure")
                break
            # "said the agencies had been trying to incite trouble": the attempted misdeed
            tried = [x for x in cc.children if x.dep_ == "xcomp"] if lemma_of(cc) in ATTEMPT_VERBS else []
            v = tried[0] if tried else cc
            if v.i not in cands and lemma_of(v) in MISDEED_VERBS and not any(m.dep_ == "neg" for m in [*cc.children, *v.children]):
                govs[si_tok] = Governor(st.lemma_.lower(), "verb", "accuse", "112", note="a reported misdeed")
                del speech[si_tok]
                break


def _accusing_speech(st, cands: dict, speech: dict[int, Governor], note: str) -> None:
    """The speech verb itself codes the criticism (CAMEO 111), aimed at whom its clause is about."""
    cands[st.i] = Cand(st, "111", f"tidings:accuse:{st.lemma_.lower()} ({note})", "verb", [st])
    del speech[st.i]


def _a_question(tok) -> bool:
    kids = list(tok.children)
    to_clauses = [c for c in kids if c.dep_ in ("xcomp", "ccomp", "advcl") and any(m.dep_ == "aux" and m.lower_ == "to" for m in c.children)]
    if to_clauses:
        # "when asked to comment", but "asked the government to explain its stand" is a demand
        return not any(c.dep_ == "dobj" for c in kids) and all(lemma_of(c) in ANSWER_VERBS for c in to_clauses)
    if any(c.dep_ in ("prep", "dative") and c.lower_ == "for" for c in kids):
        return False  # "asked for help"
    clauses = [c for c in kids if c.dep_ in ("ccomp", "advcl", "dep", "parataxis", "xcomp")]
    for c in clauses:
        first = next((t for t in c.subtree if not t.is_punct), c)
        if first.lower_ in QUESTION_WORDS or any(t.text == "?" for t in c.subtree):
            return True
    if any(c.dep_ == "prep" and c.lower_ in QUESTION_PREPS for c in kids):
        return True  # "asked about the delay"
    return not clauses and not any(c.dep_ in ("dobj", "dative") for c in kids)  # '"...?" he asked.'


def _to_the_public(tok) -> bool:
    """Whom an appeal addresses is the public at large: "urged motorists", "appealed to members of the public"."""
    heads = [c for c in tok.children if c.dep_ == "dobj"]
    heads += [o for p in tok.children if p.dep_ in ("prep", "dative") and p.lower_ == "to" for o in p.children if o.dep_ == "pobj"]
    heads += [o for h in heads if h.lemma_.lower() == "member" for p in h.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    return any(h.lemma_.lower() in PUBLIC_ADDRESSEES or h.lower_ in PUBLIC_ADDRESSEES for h in heads)


def _unattributed(tok) -> bool:
    """A passive with no one named as its agent: "have been asked to", "criticism directed at"."""
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children) or (tok.tag_ == "VBN" and tok.dep_ == "acl")
    return passive and not any(c.dep_ == "agent" for c in tok.children)


def reported_by(doc, live: dict[int, Cand], speech: dict[int, Governor]) -> dict[int, object]:
    """The speech verb each candidate is reported under, by candidate token."""
    reported_by_tok: dict[int, object] = {}
    for i in live:
        s = speech_ancestor(doc[i], speech)
        if s is not None:
            reported_by_tok[i] = s
    return reported_by_tok


def add_statements(doc, live: dict[int, Cand], speech: dict[int, Governor]) -> None:
    """MAKE STATEMENT for each speech verb that reports nothing coded."""
    for si_tok, g in speech.items():
        stok = doc[si_tok]
        if si_tok in live:
            continue
        if any(stok.is_ancestor(doc[i]) for i in live):
            continue
        if not g.default_cameo:
            continue
        if g.lemma == "accord":
            continue
        live[si_tok] = Cand(stok, g.default_cameo, g.id, "speech", [stok] + children(stok, ("prt",)))


def reporter(c: Cand, speech_tok, according, actors: ActorFinder) -> ActorMention | None:
    """Who reports the event: the subject of its speech verb, else the "according to" source."""
    reporter = None
    if speech_tok is not None:
        st, _ = subject_tokens(speech_tok)
        rs = [a for t in st for a in actors.for_token(t)]
        reporter = rs[0] if rs else None
    elif according is not None and c.kind != "speech":
        rs = actors.for_token(according)
        reporter = rs[0] if rs else None
    return reporter


def speaker_for_pronouns(c: Cand, sources: list[ActorMention], speech_tok, actors: ActorFinder) -> list[ActorMention]:
    """An unresolved "he" in what a speaker reports is the speaker ("Annan announced that he will withdraw")."""
    if speech_tok is not None and c.kind != "speech" and any(bare_pronoun(a) for a in sources):
        st, passive = subject_tokens(speech_tok)
        speakers = [a for t in ([] if passive else st) for a in actors.for_token(t) if coded(a)]
        if len(speakers) == 1:
            sources = [speakers[0] if bare_pronoun(a) else a for a in sources]
    return sources


def _obligation(verb) -> bool:
    for c in verb.children:
        if c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX:
            return True
        if c.lemma_ in OBLIGATION_VERBS and c.dep_ in ("aux", "ROOT") and any(
            g.lower_ == "to" for g in verb.children if g.dep_ == "aux"
        ):
            return True
    return False


def speech_ancestor(tok, speech: dict[int, Governor]):
    cur = tok
    steps = 0
    while cur.head.i != cur.i and steps < 8:
        child = cur
        cur = cur.head
        steps += 1
        if cur.i in speech and child.dep_ in ("ccomp", "parataxis", "advcl", "xcomp", "conj", "dobj", "prep", "pobj"):
            if child.dep_ in ("ccomp", "parataxis") or (child.dep_ == "xcomp" and speech[cur.i].lemma == "claim"):
                return cur
            if child.dep_ in ("conj", "dobj", "prep", "pobj", "advcl", "xcomp"):
                continue
    return None


def according_to(sent):
    for t in span_tokens(sent):
        if t.lower_ == "according":
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ == "to":
                    for o in c.children:
                        if o.dep_ == "pobj":
                            return o
    return None
