"""Entry points of the actor stage and the active lexicon."""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from ..records import ActorMention, Article
from .knowledge import Lexicon, is_not_actor_name, load_base, load_user_csv
from .lexicon import tokenizer
from .phrase import Tok, finish, resolve_tokens
from .recognise import recognise_doc
from .resolve import resolve_story
from .spelling import respell

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
    res = resolve_tokens(toks, lex, ents=False, when=when, lower=not any(c.isupper() for c in text))
    if res.country is None and not res.igo and res.org is None and res.person is None:
        fixed = respell(toks, res, lex, when=when)
        if fixed is not None:
            res = fixed
    stripped = text.strip()
    if res.only_capital:
        # a capital named on its own stands for its government ("Beijing", "TEHRAN")
        res.sector, res.kind, res.resolved_from = "GOV", "state", "capital"
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


def recognize(doc, article: Article | None = None, section: str = "body") -> list[ActorMention]:
    """Every actor mention in a parsed section, in order of start offset."""
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
