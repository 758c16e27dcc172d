"""Loads a PETRARCH/TABARI CAMEO verb dictionary (e.g. PETRARCH2's ``CAMEO.2.0.txt``) on top of ours.

Only the parts that map onto our entry shapes are used; the rest is counted and skipped:

* a verb block ``--- VERB [code] ---`` followed by its synonym lines gives a bare entry per
  verb for the block's default code (``[---]`` means no default);
* a pattern ``- * NOUN [code]`` gives a verb + object entry;
* a pattern ``- * (PREP NOUN) [code]`` or ``- * PREP NOUN [code]`` gives verb + preposition + object;
* ``&SYNSET`` lists (``+WORD`` members) are expanded inside objects;
* patterns with the source/target markers ``$``/``+`` in the middle, several objects, or
  words before the verb are skipped (their structure needs PETRARCH's own matcher).

Entries get ``source`` = the file name, so the rule on every event says where it came from.
Our own entries keep priority at equal specificity.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from .entries import Lexicon, VerbEntry
from .words import word_set

_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
_PATTERN = re.compile(r"^-\s+(.*?)\s*\[([^\]]+)\]")
_CODE = re.compile(r"^\d{2,4}")
_PREPS = word_set("petrarch", "preps")

LAST_LOAD: Counter[str] = Counter()  # what the last load used and skipped, for reports


def _code(raw: str) -> str | None:
    raw = raw.strip().split(":")[0]
    m = _CODE.match(raw)
    return m.group(0) if m else None


def _lemma(word: str) -> tuple[str, str]:
    """'CARRY_OUT' → ('carry', 'out'); irregular forms in braces are dropped."""
    word = word.split("{")[0].strip().lower()
    parts = [p for p in word.split("_") if p]
    if not parts:
        return "", ""
    return parts[0], " ".join(parts[1:])


def _read(path: str | Path) -> tuple[dict[str, list[str]], list[tuple[list[str], str | None, list[str]]]]:
    synsets: dict[str, list[str]] = {}
    blocks: list[tuple[list[str], str | None, list[str]]] = []
    current_set: str | None = None
    verbs: list[str] = []
    default: str | None = None
    patterns: list[str] = []
    in_verbs = False
    for raw in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#")[0].rstrip()
        if not line.strip():
            current_set = None if not line.startswith("+") else current_set
            continue
        if line.startswith("&"):
            current_set = line[1:].strip().lower()
            synsets[current_set] = []
            continue
        if line.startswith("+") and current_set is not None:
            synsets[current_set].append(line[1:].strip().lower().replace("_", " "))
            continue
        m = _BLOCK.match(line)
        if m:
            if verbs:
                blocks.append((verbs, default, patterns))
            verbs, patterns = [], []
            default = _code(m.group(2))
            in_verbs = True
            continue
        if line.startswith("-"):
            in_verbs = False
            patterns.append(line)
            continue
        if in_verbs and not line.startswith(("~", "=")):
            verbs.append(line.strip().split()[0])
    if verbs:
        blocks.append((verbs, default, patterns))
    return synsets, blocks


def load_petrarch_verbs(path: str | Path, lex: Lexicon) -> Counter[str]:
    name = Path(path).name
    synsets, blocks = _read(path)
    stats: Counter[str] = Counter()
    for verbs, default, patterns in blocks:
        lemmas = [_lemma(v) for v in verbs]
        lemmas = [lp for lp in lemmas if lp[0]]
        if default:
            for lemma, prt in lemmas:
                if (lemma, "verb") in lex.governors:  # our governors decide what "say", "agree" ... mean
                    stats["skipped: governor verb"] += 1
                    continue
                lex.add_verb(VerbEntry(lemma=lemma, cameo=default, particle=prt, source=name))
                stats["verb default"] += 1
        for pat in patterns:
            m = _PATTERN.match(pat)
            if not m:
                stats["skipped: unreadable"] += 1
                continue
            body, code = m.group(1), _code(m.group(2))
            if code is None:
                stats["skipped: no code"] += 1
                continue
            words = body.replace("(", " ").replace(")", " ").split()
            if not words or words[0] != "*" or "$" in words[1:-1] or "%" in words:
                stats["skipped: structure"] += 1
                continue
            rest = [w for w in words[1:] if w not in ("$", "+")]
            prep = ""
            if rest and rest[0].lower() in _PREPS:
                prep = rest[0].lower()
                rest = rest[1:]
            if len(rest) != 1:
                stats["skipped: structure"] += 1
                continue
            obj = rest[0]
            if obj.startswith("&"):
                objects = frozenset(w.split()[-1] for w in synsets.get(obj[1:].lower(), []))
            else:
                objects = frozenset({obj.lower().replace("_", " ").split()[-1]})
            if not objects:
                stats["skipped: empty synset"] += 1
                continue
            for lemma, prt in lemmas:
                lex.add_verb(VerbEntry(lemma=lemma, cameo=code, particle=prt, prep=prep, objects=objects, source=name))
                stats["verb+object pattern"] += 1
    LAST_LOAD.clear()
    LAST_LOAD.update(stats)
    return stats
