"""The verbs an event's place may hang from besides its trigger: the light verb an event noun is
the object or subject of ("held a meeting in Cairo"), and the verb a participle or gerund hangs from
("staged an attack in Rwanda, killing six", "told reporters in Harare after holding talks")."""

from __future__ import annotations

from functools import lru_cache

from ..events.words import word_set


@lru_cache(maxsize=1)
def _light_verbs() -> frozenset[str]:
    return word_set("triggers", "light_verbs")


def support_verb(root):
    """The verb an event noun is the object or subject of, when it is a light verb ("held a
    meeting", "talks were held"): the verb's phrases tell where the noun's event happened."""
    if root.pos_ != "NOUN" or root.dep_ not in ("dobj", "nsubj", "nsubjpass"):
        return None
    head = root.head
    return head if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in _light_verbs() else None


def clause_head(root):
    """The verb a participle or gerund hangs from: as an adverbial, coordinated or complement clause,
    or after a preposition of time ("after holding talks", "before meeting")."""
    if root.dep_ in ("advcl", "conj", "xcomp"):
        return root.head
    if root.dep_ == "pcomp" and root.head.lower_ in ("after", "before", "following", "while", "upon"):
        return root.head.head
    return None
