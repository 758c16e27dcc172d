"""Whether a coded event is asserted as fact, and if not, why.

Checked on the trigger's clause chain (the trigger, the verb a noun trigger hangs from, and
any governor such as "refused" or "plans"), so "did not hold talks", "will visit",
"could attack" and "how did the police allow ...?" are never coded as facts.  Order of precedence:
reported_denial > negated > hypothetical > future > asserted.
"""

from __future__ import annotations

from collections.abc import Iterable

from .words import word_set

ASSERTED = "asserted"
NEGATED = "negated"
HYPOTHETICAL = "hypothetical"
FUTURE = "future"
REPORTED_DENIAL = "reported_denial"
MODALITIES = (ASSERTED, NEGATED, HYPOTHETICAL, FUTURE, REPORTED_DENIAL)

_FUTURE_AUX = word_set("clause_modality", "future_aux")
_HYPO_AUX = word_set("clause_modality", "hypothetical_aux")
_COND_MARKS = word_set("clause_modality", "condition_marks")
_NEG_DET = word_set("clause_modality", "negative_determiners")
_NEG_ADV = word_set("clause_modality", "negative_adverbs")
_QUESTION = word_set("clause_modality", "question_marks")
_RANK = {ASSERTED: 0, FUTURE: 1, HYPOTHETICAL: 2, NEGATED: 3, REPORTED_DENIAL: 4}


def stronger(a: str, b: str) -> str:
    return a if _RANK[a] >= _RANK[b] else b


def _clause_modality(tok, under_speech: bool) -> str:
    mod = ASSERTED
    for c in tok.children:
        low = c.lower_
        if c.dep_ == "neg" or (c.dep_ == "advmod" and low in _NEG_ADV):
            mod = stronger(mod, NEGATED)
        elif c.dep_ == "det" and low in _NEG_DET:
            mod = stronger(mod, NEGATED)
        elif c.dep_ in ("aux", "auxpass") and c.tag_ == "MD":
            if low in _FUTURE_AUX:
                mod = stronger(mod, FUTURE)
            elif low == "would":
                # "said it would withdraw" is a future-in-the-past report; a bare "would" is conditional
                mod = stronger(mod, FUTURE if under_speech else HYPOTHETICAL)
            elif low in _HYPO_AUX:
                mod = stronger(mod, HYPOTHETICAL)
        elif c.dep_ == "aux" and low == "going":  # "is going to attack"
            mod = stronger(mod, FUTURE)
        elif c.dep_ == "mark" and low in _COND_MARKS:
            mod = stronger(mod, HYPOTHETICAL)
    return mod


def _question(head, trigger) -> bool:
    """``head`` ends a question that holds ``trigger``: its "?" comes after the trigger with no
    quotation opening between them ('he said, "why did they ...?"' asks nothing of the saying),
    and is no mis-decoded currency sign ("(?26 million)")."""
    doc = head.doc
    for c in head.children:
        if c.dep_ != "punct" or c.text not in _QUESTION or c.i < trigger.i:
            continue
        if c.i + 1 < len(doc) and doc[c.i + 1].like_num:
            continue
        if not any(doc[k].is_quote for k in range(trigger.i + 1, c.i)):
            return True
    return False


def clause_modality(tokens: Iterable, under_speech: bool = False) -> str:
    """Strongest modality over the given clause heads and their conditional ancestors."""
    mod = ASSERTED
    seen = set()
    for tok in tokens:
        if tok is None or tok.i in seen:
            continue
        seen.add(tok.i)
        mod = stronger(mod, _clause_modality(tok, under_speech))
        # a condition on any enclosing clause ("If X attacks, Y will ...") or a
        # purpose/conditional adverbial clause the trigger sits in
        cur = tok
        steps = 0
        if _question(cur, tok):
            mod = stronger(mod, HYPOTHETICAL)
        while cur.dep_ not in ("ROOT",) and steps < 6:
            if cur.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _COND_MARKS for c in cur.children):
                mod = stronger(mod, HYPOTHETICAL)
            if cur.dep_ in ("ccomp", "xcomp", "advcl", "relcl", "acl", "conj") and cur.head.i != cur.i:
                if cur.dep_ == "conj":
                    # coordinated verbs share the auxiliaries written once: "will meet and sign"
                    mod = stronger(mod, _aux_only(cur.head, under_speech))
                cur = cur.head
                steps += 1
                if _question(cur, tok):
                    # a question asks whether the clause under it happened ("did police arrest ...?")
                    mod = stronger(mod, HYPOTHETICAL)
                if cur.dep_ == "ROOT":
                    break
                continue
            break
    return mod


def _aux_only(tok, under_speech: bool) -> str:
    mod = ASSERTED
    for c in tok.children:
        if c.dep_ in ("aux", "neg") and c.i < tok.i:
            if c.dep_ == "neg":
                mod = stronger(mod, NEGATED)
            elif c.lower_ in _FUTURE_AUX:
                mod = stronger(mod, FUTURE)
            elif c.lower_ == "would":
                mod = stronger(mod, FUTURE if under_speech else HYPOTHETICAL)
            elif c.lower_ in _HYPO_AUX:
                mod = stronger(mod, HYPOTHETICAL)
    return mod
