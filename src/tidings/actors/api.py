"""Entry points of the actor stage and the active lexicon."""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from ..records import ActorMention, Article
from .knowledge import Lexicon, is_not_actor_name, load_base, load_user_csv, tokenizer
from .phrase import Tok, resolve_tokens

_USER: dict[str, tuple[str, ...]] = {"actor_files": (), "petrarch_paths": ()}
_CONFIGURED = {"here": False}
# configure() also writes these (os.pathsep-separated paths), so worker processes started
# afterwards (process pools, forkserver) load the same tables without extra plumbing.
ENV_ACTOR_FILES = "TIDINGS_ACTOR_FILES"
ENV_PETRARCH = "TIDINGS_ACTORS_PETRARCH"


@lru_cache(maxsize=8)
def _lexicon(actor_files: tuple[str, ...], petrarch_paths: tuple[str, ...]) -> Lexicon:
    lex = Lexicon()
    load_base(lex)
    if petrarch_paths:
        from .petrarch import load_petrarch

        for path in petrarch_paths:
            load_petrarch(lex, path)
    # the user's own CSV tables win over everything, including PETRARCH dictionaries
    for path in actor_files:
        load_user_csv(lex, path)
    return lex


def _from_env(name: str) -> tuple[str, ...]:
    value = os.environ.get(name, "")
    return tuple(p for p in value.split(os.pathsep) if p)


def lexicon() -> Lexicon:
    if not _CONFIGURED["here"]:
        # a worker process: take what the parent configured
        _USER["actor_files"] = _from_env(ENV_ACTOR_FILES)
        _USER["petrarch_paths"] = _from_env(ENV_PETRARCH)
        _CONFIGURED["here"] = True
    return _lexicon(_USER["actor_files"], _USER["petrarch_paths"])


def configure(actor_files: Sequence[str] = (), petrarch_paths: Sequence[str] = ()) -> None:
    """Loads user actor tables (CSV/TSV) and PETRARCH/Phoenix dictionaries on top of ours.

    Replaces any earlier configuration; ``configure()`` with no arguments goes back
    to the built-in tables. Raises ``FileNotFoundError``/``ValueError`` for a
    missing or malformed file so the CLI can report it.
    """
    files = tuple(str(p) for p in actor_files)
    paths = tuple(str(p) for p in petrarch_paths)
    files = tuple(str(Path(p).resolve()) for p in files)
    paths = tuple(str(Path(p).resolve()) for p in paths)
    _lexicon(files, paths)  # load now so errors surface here, not mid-run
    _USER["actor_files"] = files
    _USER["petrarch_paths"] = paths
    _CONFIGURED["here"] = True
    for name, value in ((ENV_ACTOR_FILES, files), (ENV_PETRARCH, paths)):
        if value:
            os.environ[name] = os.pathsep.join(value)
        else:
            os.environ.pop(name, None)


def current_configuration() -> dict[str, tuple[str, ...]]:
    """What ``configure`` was last given, so worker processes can repeat it."""
    return dict(_USER)


def resolve_text(text: str, when=None) -> ActorMention | None:
    """Codes a stand-alone actor string ("Israeli occupation forces" -> ISR MIL).

    ``when`` (an ISO date string or ``datetime.date``) dates the offices of known people
    ("Donald Trump" in 2015 is USA, in 2018 USAGOV); undated, their latest office holds.
    Returns ``None`` when nothing in the string is an actor (no country,
    organisation, role or name).
    """
    from .people import as_day

    when = as_day(when)
    if not text or not text.strip():
        return None
    lex = lexicon()
    toks = [Tok(t.text, t.idx, t.idx + len(t.text)) for t in tokenizer()(text.strip()) if not t.is_space]
    res = resolve_tokens(toks, lex, ents=False, when=when)
    if res.country is None and not res.igo and res.org is None and res.person is None:
        fixed = _respell(toks, res, lex, when=when)
        if fixed is not None:
            res = fixed
    stripped = text.strip()
    if res.only_capital:
        # a capital named on its own stands for its government ("Beijing", "TEHRAN")
        res.sector, res.kind, res.resolved_from = "GOV", "state", "capital"
        from .phrase import finish

        finish(res)
    if res.country is None and res.sector is None and not res.igo and res.name is None:
        return None
    if res.country is None and res.sector is None and not res.igo and res.org is None and is_not_actor_name(res.name):
        return None
    if res.kind is None and res.name is not None:
        res.kind = "person" if res.name_span else None
    return ActorMention(
        text=stripped,
        start=0,
        end=len(stripped),
        name=res.name,
        country=res.country,
        sector=res.sector,
        code=res.code,
        role=res.role,
        kind=res.kind,
        resolved_from=res.resolved_from,
        confidence=res.confidence,
        section="text",
    )


def _person_terms(lex: Lexicon) -> dict[str, str]:
    """One-word names of known people (folded, five letters or more), for spelling slips."""
    cached = getattr(lex, "_fuzzy_people", None)
    if cached is None:
        cached = {k[0]: k[0] for k, entries in lex.folded.items()
                  if len(k) == 1 and len(k[0]) >= 5 and k[0].isalpha()
                  and any(e.type == "person" and e.person is not None for e in entries)}
        lex._fuzzy_people = cached
    return cached


def _respell_person(toks: list[Tok], res, lex: Lexicon, when=None):
    """A titled name one slip away from a known person ("President Laurent Gbago", "President Bouteflicka")."""
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    if res.head_role is None or res.head_role.kind != "person" or res.name_span is None or res.person is not None:
        return None
    k = res.name_span[1] - 1
    word = toks[k].text.lower()
    if len(word) < 5 or not word.isalpha():
        return None
    best = process.extractOne(word, _person_terms(lex).keys(), scorer=Levenshtein.distance, score_cutoff=2)
    if best is None or best[0][0] != word[0] or best[1] == 0 or best[1] > (1 if len(word) < 9 else 2):
        return None
    fixed = list(toks)
    fixed[k] = Tok(best[0].capitalize(), toks[k].start, toks[k].end, toks[k].ent, toks[k].pos)
    new = resolve_tokens(fixed, lex, ents=False, when=when)
    if new.country is None and not new.igo:
        return None
    a, b = res.name_span
    if not any(h.i == a and h.j == b and h.get("person") for h in new.hits):
        return None  # the whole name must be the person's: "Ahmed Ben Bella" is not Marek Belka
    new.confidence = round(new.confidence * 0.8, 2)
    new.resolved_from = "spelling"
    return new


def _respell(toks: list[Tok], res, lex: Lexicon, in_text: bool = False, when=None):
    """A misspelt country word in a stand-alone string ("Ethopia", "Ghanians"): retry with the nearest one.

    A titled name one slip from a known person is tried first ("President Bouteflicka")."""
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    person = _respell_person(toks, res, lex, when)
    if person is not None:
        return person

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


def recognize(doc, article: Article | None = None, section: str = "body") -> list[ActorMention]:
    """Every actor mention in a parsed section, in order of start offset."""
    from .recognise import recognise_doc
    from .resolve import resolve_story

    mentions = recognise_doc(doc, lexicon(), article, section)
    return resolve_story(doc, mentions, lexicon(), article, section)


# Kinds that code an actor; places are returned only when nothing else overlaps.
_KIND_RANK = {"person": 0, "organisation": 0, "group": 0, "state": 1, "pronoun": 0, "place": 3, None: 2}


def actor_for_span(actors: list[ActorMention], start: int, end: int) -> ActorMention | None:
    """The mention that best codes the words at ``[start, end)``.

    Prefers a mention that contains the span, then one inside it, then any
    overlap; among those the one whose start is closest to the span's start
    (the head of an English noun phrase sits early: "the Ambassador of X"),
    non-place mentions first, and finally the most confident.
    """
    best = None
    best_key = None
    for a in actors:
        if a.end <= start or a.start >= end:
            continue
        if a.start <= start and a.end >= end:
            rel = 0
        elif a.start >= start and a.end <= end:
            rel = 1
        else:
            rel = 2
        coded = 0 if (a.country or a.sector or a.code) else 1
        key = (_KIND_RANK.get(a.kind, 2) >= 3, coded, rel, abs(a.start - start), -a.confidence)
        if best_key is None or key < best_key:
            best, best_key = a, key
    return best
