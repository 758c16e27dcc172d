"""Near-miss country words: wire copy and stand-alone strings have slips ("Ethopia", "Ghanians")."""

from __future__ import annotations

from .knowledge import Lexicon
from .phrase import Tok, resolve_tokens


def respell(toks: list[Tok], res, lex: Lexicon, in_text: bool = False):
    """A misspelt country word in a stand-alone string ("Ethopia", "Ghanians"): retry with the nearest one."""
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    covered = {k for h in res.hits for k in range(h.i, h.j)}
    choices = lex.fuzzy_country_terms(names_only=in_text)
    for k, t in enumerate(toks):
        word = t.text.lower()
        if k in covered or not t.cap or len(word) < 5 or not word.isalpha() or getattr(t, "ent", "") == "PERSON":
            continue
        best = process.extractOne(word, choices.keys(), scorer=Levenshtein.distance, score_cutoff=2)
        # slips keep the first letter and are rare in short words: one edit from 6 letters, two from 9
        if best is None or best[0][0] != word[0] or len(word) < 6 or best[1] > (1 if len(word) < 9 else 2):
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
