"""The shapes of lexicon entries (verbs, event nouns, governors) and the compiled lexicon.

Shared by the built-in tables (``lexicon.py``) and the PETRARCH verb reader (``petrarch_verbs.py``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

NO_EVENT = "-"  # a lexicon code meaning "this use of the word is no event" ("fight the epidemic")


@dataclass(frozen=True)
class VerbEntry:
    lemma: str
    cameo: str
    particle: str = ""
    prep: str = ""
    objects: frozenset[str] = frozenset()
    source: str = "tidings"  # which table it came from
    note: str = ""
    plover: str = ""  # PLOVER type when the manual codes the act differently from the CAMEO table

    @property
    def specificity(self) -> int:
        objects = (3 if "@actor" in self.objects else 4) if self.objects else 0
        return objects + (2 if self.prep else 0) + (1 if self.particle else 0)

    @property
    def id(self) -> str:
        parts = [self.lemma]
        if self.particle:
            parts.append(self.particle)
        if self.prep:
            parts.append(f"({self.prep})")
        if self.objects:
            parts.append("[" + "|".join(sorted(self.objects))[:40] + "]")
        return f"{self.source}:verb:{' '.join(parts)}→{self.cameo}"


@dataclass(frozen=True)
class NounEntry:
    lemma: str
    cameo: str
    modifiers: frozenset[str] = frozenset()
    prep: str = ""
    source: str = "tidings"
    note: str = ""
    plover: str = ""  # PLOVER type when the manual's text codes the act differently from the CAMEO table

    @property
    def specificity(self) -> int:
        return len(self.modifiers) + (1 if self.prep else 0)

    @property
    def id(self) -> str:
        mod = ("|".join(sorted(self.modifiers))[:30] + " ") if self.modifiers else ""
        prep = f" ({self.prep})" if self.prep else ""
        return f"{self.source}:noun:{mod}{self.lemma}{prep}→{self.cameo}"


@dataclass(frozen=True)
class Governor:
    lemma: str
    pos: str  # verb | noun | adj
    cls: str  # intent | request | appeal | reject | threaten | deny | speech | plan | hypothetical | cause | attempt
    default_cameo: str = ""
    particle: str = ""
    prep: str = ""
    note: str = ""

    @property
    def id(self) -> str:
        extra = f" {self.particle}" if self.particle else ""
        extra += f" ({self.prep})" if self.prep else ""
        return f"tidings:{self.cls}:{self.lemma}{extra}"


@dataclass
class Lexicon:
    verbs: dict[str, list[VerbEntry]] = field(default_factory=lambda: defaultdict(list))
    nouns: dict[str, list[NounEntry]] = field(default_factory=lambda: defaultdict(list))
    governors: dict[tuple[str, str], list[Governor]] = field(default_factory=lambda: defaultdict(list))
    complements: dict[tuple[str, str], str] = field(default_factory=dict)
    # evaluative nouns, events only as a predicate ("Ethiopia was an invaluable partner"): predicates.tsv
    predicates: dict[str, list[NounEntry]] = field(default_factory=lambda: defaultdict(list))

    def add_verb(self, e: VerbEntry, front: bool = False) -> None:
        bucket = self.verbs[e.lemma]
        if front:
            bucket.insert(0, e)
        else:
            bucket.append(e)

    def n_entries(self) -> int:
        return (
            sum(len(v) for v in self.verbs.values())
            + sum(len(v) for v in self.nouns.values())
            + sum(len(v) for v in self.governors.values())
            + sum(len(v) for v in self.predicates.values())
        )

    def codes(self) -> set[str]:
        out = {e.cameo for v in self.verbs.values() for e in v if e.cameo != NO_EVENT}
        out |= {e.cameo for v in self.nouns.values() for e in v}
        out |= {e.cameo for v in self.predicates.values() for e in v}
        out |= {g.default_cameo for v in self.governors.values() for g in v if g.default_cameo}
        out |= set(self.complements.values())
        return out

    def combine(self, cls: str, code: str) -> str | None:
        for n in (4, 3, 2):
            hit = self.complements.get((cls, code[:n]))
            if hit:
                return hit
        return self.complements.get((cls, "*"))
