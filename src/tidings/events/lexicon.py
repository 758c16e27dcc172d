"""Trigger lexicon: which words code which CAMEO event, compiled into dicts keyed by lemma.

The tables live in ``data/events/`` as plain TSV so users can read and extend them
(``tidings code --verbs FILE`` style files use the same columns):

``verbs.tsv``       lemma, particle, prep, object, cameo, note, plover
    A verb with an optional particle ("carry out"), an optional preposition that must
    head one of its arguments ("call for", "meet with") and an optional object
    restriction (lemmas of the direct object or of the preposition's object, ``|``
    separated).  The most specific matching entry wins.
``nouns.tsv``       lemma, modifier, prep, cameo, note, plover
    Event nouns ("talks", "strike", "sanctions"); ``modifier`` optionally requires a
    compound/adjective ("hunger strike", "air strike").
``predicates.tsv``  the nouns.tsv columns, for praise or blame that is an event only as a predicate
    ("X is a strategic partner", "described the group as a terrorist organisation").
``governors.tsv``   lemma, pos, class, default_cameo, note
    Words that take another event as complement and change what it means: intent
    ("agree to", "desire to"), request ("urge ... to"), appeal, refusal, threat,
    denial, speech and modality words.  ``default_cameo`` is coded when no complement
    event is found ("refused", "threatened"); empty means the word is no event alone.
``complements.tsv`` class, complement, cameo
    How a governor class combines with the complement's CAMEO code (longest prefix).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .entries import NO_EVENT, Governor, Lexicon, NounEntry, VerbEntry
from .petrarch_verbs import load_petrarch_verbs

__all__ = ["NO_EVENT", "Governor", "Lexicon", "NounEntry", "VerbEntry", "lexicon", "load_verb_file", "set_extra"]


def _read_tsv(text: str) -> list[dict[str, str]]:
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    return [{k: (v or "").strip() for k, v in r.items() if k} for r in rows]


def _data(name: str) -> str:
    return resources.files("tidings").joinpath("data", "events", name).read_text(encoding="utf-8")


def _words(value: str) -> frozenset[str]:
    return frozenset(w.strip().lower() for w in value.split("|") if w.strip())


def _code(value: str) -> str:
    v = value.strip()
    if v == NO_EVENT:
        return v
    if not v.isdigit() or len(v) < 2:
        raise ValueError(f"bad CAMEO code {value!r}")
    return v


def load_verb_rows(rows: Iterable[dict[str, str]], lex: Lexicon, source: str) -> None:
    for r in rows:
        lemma = r.get("lemma", "").lower()
        if not lemma:
            continue
        lex.add_verb(
            VerbEntry(
                lemma=lemma,
                cameo=_code(r["cameo"]),
                particle=r.get("particle", "").lower(),
                prep=r.get("prep", "").lower(),
                objects=_words(r.get("object", "")),
                source=source,
                note=r.get("note", ""),
                plover=r.get("plover", "").upper(),
            )
        )


def load_verb_file(path: str | Path, lex: Lexicon) -> None:
    """A user table with the verbs.tsv columns (tab separated, '#' comments)."""
    text = Path(path).read_text(encoding="utf-8")
    load_verb_rows(_read_tsv(text), lex, source=Path(path).name)


def _base() -> Lexicon:
    lex = Lexicon()
    load_verb_rows(_read_tsv(_data("verbs.tsv")), lex, "tidings")
    for table, name in ((lex.nouns, "nouns.tsv"), (lex.predicates, "predicates.tsv")):
        for r in _read_tsv(_data(name)):
            table[r["lemma"].lower()].append(
                NounEntry(
                    r["lemma"].lower(),
                    _code(r["cameo"]),
                    _words(r.get("modifier", "")),
                    prep=r.get("prep", "").lower(),
                    note=r.get("note", ""),
                    plover=r.get("plover", "").upper(),
                )
            )
    for r in _read_tsv(_data("governors.tsv")):
        g = Governor(
            lemma=r["lemma"].lower(),
            pos=r["pos"],
            cls=r["class"],
            default_cameo=r.get("default_cameo", ""),
            particle=r.get("particle", "").lower(),
            prep=r.get("prep", "").lower(),
            note=r.get("note", ""),
        )
        lex.governors[(g.lemma, g.pos)].append(g)
    for r in _read_tsv(_data("complements.tsv")):
        lex.complements[(r["class"], r["complement"])] = _code(r["cameo"])
    for bucket in [*lex.nouns.values(), *lex.predicates.values()]:
        bucket.sort(key=lambda e: -e.specificity)
    for bucket in lex.governors.values():
        bucket.sort(key=lambda g: -(bool(g.prep) + bool(g.particle)))
    return lex


_EXTRA_VERB_FILES: tuple[str, ...] = ()
_PETRARCH_FILES: tuple[str, ...] = ()
_CONFIGURED_HERE = False
# Worker processes (--workers, spawned or forkserver) do not share the parent's globals: the
# parent's configuration travels in the environment, as the actor stage's does.
ENV_VERB_FILES = "TIDINGS_EVENT_VERB_FILES"
ENV_PETRARCH_VERBS = "TIDINGS_PETRARCH_VERB_FILES"


def _paths_from_env(name: str) -> tuple[str, ...]:
    return tuple(p for p in os.environ.get(name, "").split(os.pathsep) if p)


def set_extra(verb_files: Sequence[str], petrarch_verbs: Sequence[str]) -> None:
    global _EXTRA_VERB_FILES, _PETRARCH_FILES, _CONFIGURED_HERE
    _EXTRA_VERB_FILES = tuple(str(Path(p).resolve()) for p in verb_files)
    _PETRARCH_FILES = tuple(str(Path(p).resolve()) for p in petrarch_verbs)
    _CONFIGURED_HERE = True
    for name, paths in ((ENV_VERB_FILES, _EXTRA_VERB_FILES), (ENV_PETRARCH_VERBS, _PETRARCH_FILES)):
        if paths:
            os.environ[name] = os.pathsep.join(paths)
        else:
            os.environ.pop(name, None)
    lexicon.cache_clear()


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    global _EXTRA_VERB_FILES, _PETRARCH_FILES, _CONFIGURED_HERE
    if not _CONFIGURED_HERE:  # a worker process: take what the parent configured
        _EXTRA_VERB_FILES = _paths_from_env(ENV_VERB_FILES)
        _PETRARCH_FILES = _paths_from_env(ENV_PETRARCH_VERBS)
        _CONFIGURED_HERE = True
    lex = _base()
    for p in _EXTRA_VERB_FILES:
        load_verb_file(p, lex)
    for p in _PETRARCH_FILES:
        load_petrarch_verbs(p, lex)
    for bucket in lex.verbs.values():
        # most specific first; ours before added tables at equal specificity
        bucket.sort(key=lambda e: (-e.specificity, e.source != "tidings"))
    return lex
