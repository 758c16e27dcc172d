"""Parse helpers the event coder's steps share: dependents, prepositional objects, clause heads, lemmas."""

from __future__ import annotations

from ..parsed import doc_table
from .entries import Lexicon
from .words import word_set

# spaCy entity types that name a when, a how-much or a where, never who acted.
NON_ACTOR_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "LOC", "FAC"}
LIGHT_VERBS = word_set("triggers", "light_verbs")
POBJ_LICENSORS = word_set("triggers", "pobj_licensors")
LOOSE_PARTICLES = word_set("triggers", "loose_particles")


def children(tok, deps) -> list:
    t = doc_table(tok.doc)
    dep, tokens = t.dep, t.tokens
    return [tokens[c] for c in t.children[tok.i] if dep[c] in deps]


def prep_objects(tok, preps=None) -> list[tuple[str, object]]:
    t = doc_table(tok.doc)
    dep, lower, kids, tokens = t.dep, t.lower, t.children, t.tokens
    out = []
    for c in kids[tok.i]:
        if dep[c] in ("prep", "agent", "dative") and (preps is None or lower[c] in preps):
            for g in kids[c]:
                if dep[g] in ("pobj", "pcomp"):
                    out.append((lower[c], tokens[g]))
    return out


def particle(tok) -> str:
    """The verb's particles, also one the parser took for a preposition with no object of its own
    ("walked out of the house": "out" heads "of the house")."""
    t = doc_table(tok.doc)
    dep, lower, kids = t.dep, t.lower, t.children
    return " ".join(
        lower[c] for c in kids[tok.i]
        if dep[c] == "prt" or (dep[c] == "prep" and lower[c] in LOOSE_PARTICLES
                               and not any(dep[g] in ("pobj", "pcomp") for g in kids[c]))
    )


def is_verbal(tok) -> bool:
    t = doc_table(tok.doc)
    p = t.pos[tok.i]
    return p == "VERB" or (p == "AUX" and t.dep[tok.i] not in ("aux", "auxpass"))


def is_nominal(tok) -> bool:
    t = doc_table(tok.doc)
    i = tok.i
    return t.pos[i] in ("NOUN", "PROPN") or (t.tag[i] == "VBG" and t.dep[i] in ("dobj", "pobj", "nsubj"))


def lemma_of(tok, lex: Lexicon | None = None) -> str:
    """spaCy's lemma, repaired when the small model mangles a verb ("staged" → "stag")."""
    t = doc_table(tok.doc)
    i = tok.i
    lemma = t.lemma[i]
    p = t.pos[i]
    if not (p == "VERB" or (p == "AUX" and t.dep[i] not in ("aux", "auxpass"))):
        return lemma
    known = (lex.verbs if lex is not None else {}) or {}
    if lemma in known or lemma in LIGHT_VERBS or lemma in POBJ_LICENSORS or (lex is not None and (lemma, "verb") in lex.governors):
        return lemma
    low = t.lower[i]
    for cand in _guesses(low):
        if cand in known or cand in LIGHT_VERBS or cand in POBJ_LICENSORS or (lex is not None and (cand, "verb") in lex.governors):
            return cand
    return lemma


def _guesses(word: str) -> list[str]:
    out = []
    if word.endswith("ied"):
        out.append(word[:-3] + "y")
    if word.endswith("ed"):
        out += [word[:-1], word[:-2], word[:-3] if len(word) > 5 and word[-3] == word[-4] else word[:-2]]
    if word.endswith("ing"):
        out += [word[:-3], word[:-3] + "e", word[:-4] if len(word) > 6 and word[-4] == word[-5] else word[:-3]]
    if word.endswith("es"):
        out.append(word[:-2])
    if word.endswith("s"):
        out.append(word[:-1])
    return out


def clause_head(tok):
    if not is_verbal(tok) and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and is_verbal(tok.head):
        return tok.head
    if not is_verbal(tok) and tok.dep_ == "pobj" and tok.head.dep_ == "prep" and is_verbal(tok.head.head):
        return tok.head.head
    return tok


def tree_depth(tok) -> int:
    head = doc_table(tok.doc).head
    i, d = tok.i, 0
    while head[i] != i and d < 20:
        i = head[i]
        d += 1
    return d


def is_scene(tok) -> bool:
    """A date, a time or a named place: where/when, not whom."""
    return tok.ent_type_ in NON_ACTOR_ENTS or tok.ent_type_ == "GPE" and tok.head.lower_ in ("in", "at")


def gtok_clauses(tok) -> list:
    """A governor's clausal complements (verbs), nearest first."""
    out = [c for c in children(tok, ("xcomp", "ccomp")) if is_verbal(c)]
    if not out and doc_table(tok.doc).dep[tok.i] in ("acomp",):
        out = children(tok, ("xcomp",))
    return out


def purpose_clause_only(tok) -> bool:
    """A verb with its own direct object whose "to"-clause is an adverbial: the clause is the act's
    purpose, not its complement ("sought 15 days' time to submit its report")."""
    if not children(tok, ("dobj",)) or has_complement(tok):
        return False
    return any(c.dep_ == "advcl" and any(m.dep_ == "aux" and m.lower_ == "to" for m in c.children) for c in tok.children)


def has_complement(tok) -> bool:
    t = doc_table(tok.doc)
    return any(t.dep[c] in ("xcomp", "ccomp") for c in t.children[tok.i])
