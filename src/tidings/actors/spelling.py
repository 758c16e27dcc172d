"""Near misses: wire copy and stand-alone strings have slips ("Ethopia", "Ghanians", "President Bouteflicka")."""

from __future__ import annotations

from .knowledge import Lexicon
from .phrase import Tok, resolve_tokens


def _person_terms(lex: Lexicon) -> dict[str, str]:
    """One-word names of known people (folded, five letters or more), for spelling slips."""
    cached = getattr(lex, "_fuzzy_people", None)
    if cached is None:
        cached = {k[0]: k[0] for k, entries in lex.folded.items()
                  if len(k) == 1 and len(k[0]) >= 5 and k[0].isalpha()
                  and any(e.type == "person" and e.person is not None for e in entries)}
        lex._fuzzy_people = cached
    return cached


def _nearest(lex: Lexicon, kind: str, word: str, choices: dict[str, str]):
    """rapidfuzz's nearest of ``choices`` within two edits, remembered per word: wire copy repeats
    its names, and each call would otherwise prepare every choice again."""
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    memo = lex.__dict__.setdefault("_nearest_memo", {})
    key = (kind, word)
    if key not in memo:
        if len(memo) > 50_000:
            memo.clear()
        memo[key] = process.extractOne(word, choices.keys(), scorer=Levenshtein.distance, score_cutoff=2)
    return memo[key]


def respell_person(toks: list[Tok], res, lex: Lexicon, when=None):
    """A titled name one slip away from a known person ("President Laurent Gbago", "President Bouteflicka")."""
    if res.head_role is None or res.head_role.kind != "person" or res.name_span is None or res.person is not None:
        return None
    k = res.name_span[1] - 1
    word = toks[k].text.lower()
    if len(word) < 5 or not word.isalpha():
        return None
    best = _nearest(lex, "person", word, _person_terms(lex))
    if best is None or best[0][0] != word[0] or best[1] == 0 or best[1] > (1 if len(word) < 9 else 2):
        return None
    fixed = list(toks)
    fixed[k] = Tok(best[0].capitalize(), toks[k].start, toks[k].end, toks[k].ent, toks[k].pos)
    new = resolve_tokens(fixed, lex, ents=False, when=when)
    if new.country is None and not new.igo:
        return None
    a, b = res.name_span
    person = next((h.get("person") for h in new.hits if h.i == a and h.j == b and h.get("person")), None)
    if person is None:
        return None  # the whole name must be the person's: "Ahmed Ben Bella" is not Marek Belka
    title = (res.head_role.role or res.head_role.name or "").lower()
    office = (getattr(person, "role", None) or "").lower()
    if not title or not office or not (title in office or office.endswith(title)):
        return None  # the title must fit the office: "Ambassador Jumali" is no slip for Prime Minister Jamali
    new.confidence = round(new.confidence * 0.8, 2)
    new.resolved_from = "spelling"
    return new


def respell(toks: list[Tok], res, lex: Lexicon, in_text: bool = False, when=None):
    """A misspelt country word in a stand-alone string ("Ethopia", "Ghanians"): retry with the nearest one.

    A titled name one slip from a known person is tried first ("President Bouteflicka")."""
    person = respell_person(toks, res, lex, when)
    if person is not None:
        return person

    covered = {k for h in res.hits for k in range(h.i, h.j)}
    choices = lex.fuzzy_country_terms(names_only=in_text)
    for k, t in enumerate(toks):
        word = t.text.lower()
        # slips keep the first letter and are rare in short words: one edit from 6 letters, two from 9
        if k in covered or not t.cap or len(word) < 6 or not word.isalpha() or getattr(t, "ent", "") == "PERSON":
            continue
        best = _nearest(lex, "names" if in_text else "countries", word, choices)
        if best is None or best[0][0] != word[0] or best[1] > (1 if len(word) < 9 else 2):
            continue
        if in_text and (word.startswith(best[0]) or best[0].startswith(word)):
            continue  # in running text "Indiana" is a state of its own, not a slip for "Indian"
        fixed = list(toks)
        fixed[k] = Tok(best[0].capitalize(), t.start, t.end)
        new = resolve_tokens(fixed, lex, ents=False)
        if new.country:
            new.confidence = round(new.confidence * 0.8, 2)
            new.resolved_from = "spelling"
            return new
    return None
