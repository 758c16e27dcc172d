"""Which tokens are a trigger's source and target.

Source from the subject (or the ``by`` agent of a passive, or the possessor of an event noun);
target from the direct object, the dative, or a prepositional object ("met with X", "support for
Syria").  A governed event takes its arguments through its complement ("urged Israel to
withdraw": Israel is the target of the appeal).  Which actor each token stands for is
``mentions.py``'s job; what to do when no object names a coded actor is ``targets.py``'s.
"""

from __future__ import annotations

from .syntax import NON_ACTOR_ENTS, children, gtok_clauses, is_nominal, is_scene, is_verbal, lemma_of, prep_objects
from .triggers import Cand
from .words import word_set, words

TARGET_PREPS = words("arguments", "target_preps")
NOUN_TARGET_PREPS = words("arguments", "noun_target_preps")
SCENE_PREPS = word_set("arguments", "scene_preps")
TOPIC_PREPS = word_set("arguments", "topic_preps")
REASON_PREPS = word_set("arguments", "reason_preps")
ADJ_TARGET_PREPS = word_set("arguments", "adj_target_preps")
STATIVE_PASSIVES = word_set("arguments", "stative_passives")
STATEMENT_NOUNS = word_set("arguments", "statement_nouns")
TRANSFER_VERBS = word_set("arguments", "transfer_verbs")
MAKER_ROOTS = word_set("arguments", "maker_roots")
FRAMING_VERBS = word_set("arguments", "framing_verbs")
RELATIVE_PRONOUNS = word_set("arguments", "relative_pronouns")


def subject_tokens(verb, depth: int = 0) -> tuple[list, bool]:
    """Subject tokens of a verb and whether the verb is passive (subject = patient)."""
    subj = children(verb, ("nsubj", "csubj"))
    if subj:
        s = subj[0]
        if s.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return [verb.head], False
        return [s], False
    pas = children(verb, ("nsubjpass",))
    if pas:
        return [pas[0]], True
    if depth < 3 and verb.dep_ in ("xcomp", "conj", "advcl", "ccomp") and verb.head.i != verb.i:
        head = verb.head
        if verb.dep_ == "xcomp":
            # object control: "urged Israel to withdraw" -> Israel withdraws
            dob = children(head, ("dobj",))
            if dob:
                return [dob[0]], False
        if verb.dep_ == "advcl" and verb.tag_ not in ("VBG", "VBN"):
            return [], False
        subj, passive = subject_tokens(head, depth + 1)
        if passive and verb.dep_ in ("advcl", "conj") and verb.tag_ in ("VBG", "VBD", "VBZ", "VBP"):
            # "the camp was attacked by militiamen, killing 156": the agent does the second act
            agent = agent_tokens(head)
            return (agent, False) if agent else ([], False)
        return subj, passive
    if verb.dep_ == "relcl":
        return [verb.head], False
    if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "the convoy attacked by ..."
        return [verb.head], True
    head = verb.head
    if depth < 3 and verb.dep_ == "acl" and head.lemma_.lower() in STATEMENT_NOUNS and head.dep_ in ("dobj", "nsubjpass") and is_verbal(head.head):
        # "the PKK issued a declaration demanding ...": whoever issued the statement demands
        s, passive = subject_tokens(head.head, depth + 1)
        return (agent_tokens(head.head), False) if passive else (s, False)
    if depth < 3 and verb.dep_ == "pcomp" and head.dep_ == "prep" and is_verbal(head.head):
        # "youths resorted to throwing stones", "police dispersed them by firing"
        s, passive = subject_tokens(head.head, depth + 1)
        return ([], False) if passive else (s, False)
    return [], False


def relative_head(tok):
    """A relative pronoun argument stands for the noun its clause describes: "Kishore, who was
    arrested", "the seer, whom the minister praised"; any other token stands for itself."""
    verb = tok.head
    if tok.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl" and verb.head.i != verb.i:
        return verb.head
    return tok


def agent_tokens(verb) -> list:
    return [o for p, o in prep_objects(verb) if p == "by"]


def verb_args(verb, entry_prep: str = "") -> tuple[list, list, str]:
    """(source tokens, target tokens, how) for a verb trigger."""
    subj, passive = subject_tokens(verb)
    if passive:
        src = agent_tokens(verb)
        if not src and any(c.dep_ in ("xcomp", "prep") and c.i > verb.i for c in verb.children) and lemma_of(verb) in STATIVE_PASSIVES:
            return subj, [], "stative"  # "Vietnam is committed to ...": the subject acts
        return src, [relative_head(t) for t in subj], "passive"
    targets: list = []
    if entry_prep and entry_prep not in TOPIC_PREPS and not (entry_prep in REASON_PREPS and children(verb, ("dobj",))):
        targets = [o for p, o in prep_objects(verb, (entry_prep,))]
    if not targets and lemma_of(verb) in TRANSFER_VERBS:
        # "offered its troops to Lebanon", "gave Tanzania a grant": the recipient is the target
        targets = children(verb, ("dative",)) + [o for p, o in prep_objects(verb, ("to", "for"))]
    if not targets:
        targets = children(verb, ("dobj", "dative"))
    if not targets:
        targets = [o for p, o in prep_objects(verb, ("dative",))]
    if not targets:
        for p in TARGET_PREPS:
            objs = [o for pp, o in prep_objects(verb, (p,)) if not (p in SCENE_PREPS and is_scene(o))]
            if objs:
                targets = objs
                break
    return subj, [relative_head(t) for t in targets], "active"


def noun_args(noun) -> tuple[list, list, bool]:
    """(source tokens, target tokens, reciprocal) for an event noun."""
    slot = noun
    while slot.dep_ == "conj" and slot.head.i != slot.i and is_nominal(slot.head):
        slot = slot.head  # "air and artillery strikes on X": the first conjunct holds the clause links
    src = [c for c in noun.children if c.dep_ == "poss" and c.ent_type_ not in NON_ACTOR_ENTS]
    if not src:
        src = [o for p, o in prep_objects(noun, ("by", "from"))]
    tgt: list = []
    between = [o for p, o in prep_objects(noun, ("between", "among", "amongst"))]
    if between:
        agent = src or (
            subject_tokens(slot.head)[0]
            if slot.dep_ in ("dobj", "attr") and is_verbal(slot.head) and lemma_of(slot.head) not in FRAMING_VERBS
            else []
        )
        if agent:  # "X launched a mediation effort between A and B": X acts on both
            return agent, between, False
        return between, [], True
    holders = [noun] if slot.i == noun.i else [noun, slot]
    for p in NOUN_TARGET_PREPS:
        if p == "by":
            continue
        objs = [o for h in holders for pp, o in prep_objects(h, (p,)) if not (p in SCENE_PREPS and is_scene(o))]
        if objs:
            tgt = objs
            break
    if not src and slot.dep_ in ("dobj", "attr", "oprd") and is_verbal(slot.head):
        s, passive = subject_tokens(slot.head)
        if not passive:
            src = s
    if not src and slot.dep_ == "pobj" and slot.head.dep_ == "prep" and is_verbal(slot.head.head):
        # "went on strike", "engaged in talks with"
        s, passive = subject_tokens(slot.head.head)
        if not passive:
            src = s
    if not src and slot.dep_ == "nsubjpass":  # "talks were held by X"
        src = agent_tokens(slot.head)
    if not tgt and slot.dep_ in ("dobj", "attr") and is_verbal(slot.head):
        # "gave a warm welcome to X", "launched an attack against X": the light verb holds the target
        head = slot.head
        tgt = children(head, ("dative",))
        for p in NOUN_TARGET_PREPS:
            if tgt or p == "by":
                break
            tgt = [o for pp, o in prep_objects(head, (p,)) if not (p in SCENE_PREPS and is_scene(o))]
    return src, tgt, False


def arg_tokens(c: Cand) -> tuple[list, list, bool]:
    """(source tokens, target tokens, reciprocal) of a candidate, through its complements."""
    tok = c.token
    if c.kind == "noun":
        return noun_args(tok)
    if tok.dep_ == "amod":  # "striking miners", "the visiting minister": the actor it describes acts
        return [tok.head], [], False
    if is_verbal(tok):
        src_t, tgt_t, how = verb_args(tok, c.entry_prep)
        if how == "passive" and not src_t and (c.cameo or "")[:2] == "15":
            # "the BSF has been dispatched to Surat": forces sent with no sender named are who mobilises
            src_t, tgt_t = tgt_t, []
    elif c.kind == "gov" and c.complement is None and tok.pos_ == "ADJ" and prep_objects(tok, ADJ_TARGET_PREPS):
        # "the Congress was critical of the government": the copula's subject judges the prepositional
        # object ("the move was unconstitutional" names no judge: the speaker judges the subject)
        src_t = _adj_or_noun_gov_args(tok)[0]
        tgt_t = [o for p, o in prep_objects(tok, ADJ_TARGET_PREPS)][:1]
    elif c.kind == "gov" and c.complement is None:
        src_t, tgt_t, _ = noun_args(tok)
    else:
        src_t, tgt_t, _ = _adj_or_noun_gov_args(tok)
    reciprocal = False
    if c.kind == "speech":
        # a statement's target is whom it was addressed to, not what it was about
        tgt_t = children(tok, ("dative",)) + [o for p, o in prep_objects(tok, ("to",))]
        if tok.lemma_.lower() == "tell":
            tgt_t = children(tok, ("dobj",)) + tgt_t
        return src_t, tgt_t, False
    maker_root = c.kind in ("verb", "gov") and (c.cameo or "")[:2] in MAKER_ROOTS
    if maker_root:
        tgt_t = made_by(tgt_t)
    if c.kind == "verb" and c.entry_objects:
        # "expressed concern to the Council": the named object is part of the trigger, not the target
        tgt_t = [t for t in tgt_t if t.lemma_.lower() not in c.entry_objects and t.lower_ not in c.entry_objects]
        if not tgt_t:
            named = [t for t in tok.children if t.lemma_.lower() in c.entry_objects or t.lower_ in c.entry_objects]
            for holder in [*named, tok]:
                tgt_t = [
                    o
                    for p, o in prep_objects(holder)
                    if (p in TARGET_PREPS or (maker_root and made_by([o]) != [o]))  # "anger over remarks made by X"
                    and o.lemma_.lower() not in c.entry_objects and not (p in SCENE_PREPS and is_scene(o))
                ]
                if tgt_t:
                    break
    comp = c.complement
    if comp is None and c.gov_cls in ("request", "appeal", "deny") and not tgt_t:
        # "demanded that the US cancel ...": whoever is asked to act
        for cl in children(tok, ("ccomp", "xcomp")):
            tgt_t = [t for t in subject_tokens(cl)[0] if t.i not in {x.i for x in src_t}]
            if tgt_t:
                break
    if comp is None and not tgt_t and c.kind == "verb" and (c.cameo or "")[:2] == "11" and is_verbal(tok):
        # "alleged that the government was behind the riots", "claimed the town was shelled by the
        # army": an accusation that names no object is aimed at the one its clause says acted
        tgt_t = accused_in_clause(tok, src_t)
    if comp is None and c.kind == "gov" and not tgt_t:
        # "offered to hand over to Great Britain two nationals": an uncoded complement still names whom
        for cl in gtok_clauses(tok):
            t2 = verb_args(cl)[1]
            if t2:
                tgt_t = t2
                break
    if comp is not None:
        ctok = comp.token
        csrc, ct, crec = arg_tokens(comp)
        if crec and comp.kind == "noun":
            ct, reciprocal = csrc, False
            ct = [o for p, o in prep_objects(ctok, ("between", "among"))]
        if c.gov_cls in ("appeal", "request", "cause"):
            # the addressee is the target: "urged Israel to ...", else whoever must act
            tgt_t = [t for t in tgt_t if t.i != ctok.i]
            if not tgt_t and c.gov_cls in ("appeal", "request"):
                # "demanded that the US match the EU's support for ...": the one asked to act
                for cl in children(tok, ("ccomp",)):
                    tgt_t = [t for t in subject_tokens(cl)[0] if t.i not in {x.i for x in src_t} and t.pos_ != "PRON"]
                    if tgt_t:
                        break
            if not tgt_t and comp.kind != "noun" and is_verbal(ctok):
                tgt_t = [t for t in subject_tokens(ctok)[0] if t.i not in {x.i for x in src_t}]
            if not tgt_t:
                tgt_t = ct
        elif ct:
            tgt_t = ct
        if not src_t and csrc and c.gov_cls in ("plan", "hypothetical", "cause", "intent", "attempt"):
            src_t = csrc
        tgt_t = [t for t in tgt_t if t.i != ctok.i] or [t for t in ct if t.i != ctok.i]
    if maker_root:
        # the object the later slots gave: "expressed concern over the decision taken by X", "refused
        # to follow the undertaking given by X"
        tgt_t = made_by(tgt_t)
    return src_t, tgt_t, reciprocal


def accused_in_clause(tok, src_t: list) -> list:
    """The actor of an accusation's complement clause: its subject, or its "by" agent when passive."""
    own = {x.i for x in src_t}
    for cl in children(tok, ("ccomp",)):
        subj, passive = subject_tokens(cl)
        found = [t for t in (agent_tokens(cl) if passive else subj) if t.i not in own and t.pos_ != "PRON"]
        if found:
            return found
    return []


def made_by(tgt_t: list) -> list:
    """A reaction aimed at a thing someone made is aimed at its maker: "rejected the report filed by
    the state government", "praised the stand taken by Gandhi" (the participle's "by" agent).  A
    thing with no named maker, or an object that is itself an actor, stays as it is."""
    out = []
    for t in tgt_t:
        makers = []
        if t.pos_ == "NOUN" and t.ent_type_ == "" and not _people_like(t):
            makers = [a for v in t.children if v.dep_ == "acl" and v.tag_ == "VBN" for a in agent_tokens(v)]
        out.extend(makers or [t])
    return out


def _people_like(tok) -> bool:
    from .mentions import agent_nouns

    return tok.lemma_.lower() in agent_nouns() or tok.lower_ in agent_nouns()


def _adj_or_noun_gov_args(tok) -> tuple[list, list, str]:
    if tok.pos_ == "ADJ":  # "X is ready to talk": subject of the copula
        head = tok.head if tok.dep_ in ("acomp", "amod") else tok
        subj, passive = subject_tokens(head) if head.i != tok.i else ([], False)
        if tok.dep_ == "amod":
            subj = [tok.head]
        return subj, [], "adj"
    src, tgt, _ = noun_args(tok)
    return src, tgt, "noun"
