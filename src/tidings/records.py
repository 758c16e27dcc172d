"""Plain records passed between pipeline stages.

Every stage takes and returns these dataclasses so that each document can be
processed by a pure function (locally, in a process pool, or in Spark) and the
result serialised to JSON Lines, DuckDB or Parquet without custom glue.
Character spans are always ``[start, end)`` offsets into the text named by the
record's ``section`` ("body" or "headline").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Dateline:
    place: str | None = None
    agency: str | None = None
    text: str | None = None  # the dateline exactly as written, e.g. "Damascus, (ST) –"


@dataclass
class Article:
    id: str  # sha1 of the normalised body
    body: str
    title: str | None = None
    dateline: Dateline = field(default_factory=Dateline)
    author: str | None = None
    pub_date: str | None = None  # ISO date YYYY-MM-DD
    pub_date_source: str = "none"  # metadata | html | dateline | cli | none
    language: str | None = None
    boilerplate: list[str] = field(default_factory=list)
    source_path: str | None = None
    locator: str | None = None  # line or record inside source_path ("line 3", "record 12")
    input_id: str | None = None  # id given by the input (JSONL id, WARC record id)
    url: str | None = None
    outlet: str | None = None
    decode_errors: int = 0  # byte sequences that were not valid UTF-8, replaced by U+FFFD
    raw: str | None = None  # the page as read, before splitting

    def to_dict(self, with_raw: bool = False) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        if not with_raw:
            d.pop("raw", None)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Article":
        d = dict(d)
        dl = d.get("dateline") or {}
        d["dateline"] = dl if isinstance(dl, Dateline) else Dateline(**dl)
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})


@dataclass
class Reject:
    path: str
    reason: str  # short machine-readable reason, e.g. "binary", "empty", "not_english"
    detail: str = ""  # human-readable explanation
    locator: str | None = None  # line or record inside path

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class ActorMention:
    text: str  # the words in the text
    start: int  # char offsets into the section text
    end: int
    name: str | None = None  # canonical name ("Faisal Al-Mikdad", "Kazakhstan", "United Nations")
    country: str | None = None  # ISO 3166-1 alpha-3, None for IGOs
    sector: str | None = None  # PLOVER/CAMEO agent code: GOV, MIL, IGO, ...
    code: str | None = None  # CAMEO-style code: SYRGOV, IGOUNO, KAZ
    role: str | None = None  # role words: "foreign minister", "ambassador"
    kind: str | None = None  # person | state | organisation | group | pronoun | place
    resolved_from: str | None = None  # how it was resolved: "surname", "pronoun", "role", "dictionary", ...
    confidence: float = 0.0
    section: str = "body"

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["span"] = [self.start, self.end]
        return d


@dataclass
class Location:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: str = "none"  # place | locality | dateline | admin1 | country | none
    text: str | None = None  # the words it came from


@dataclass
class Event:
    article_id: str
    sentence: str
    sentence_index: int
    section: str  # "body" or "headline"
    trigger_text: str
    trigger_start: int
    trigger_end: int
    plover_type: str
    cameo_code: str
    source: ActorMention | None = None
    target: ActorMention | None = None
    plover_mode: str | None = None
    plover_context: list[str] = field(default_factory=list)
    goldstein: float | None = None
    quad_class: int | None = None  # 0 neutral, 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    modality: str = "asserted"  # asserted | negated | hypothetical | future | reported_denial
    reported_by: ActorMention | None = None
    rule: str = ""  # the lexicon entry or rule that fired
    confidence: float = 0.0
    model_score: float | None = None  # the decision model's probability of this type (None: rules only)
    date: str | None = None
    date_text: str | None = None
    date_source: str | None = None  # text | story | pub_date | background | none
    date_precision: str | None = None  # day | week | month | year (None when date is None)
    location: Location | None = None
    id: str = ""

    def __post_init__(self) -> None:
        # spaCy's sentence keeps the blank lines after it, which would land inside CSV cells;
        # offsets point into the section text, so trimming the end moves none of them.
        if isinstance(self.sentence, str):
            self.sentence = self.sentence.rstrip()

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        for side in ("source", "target", "reported_by"):
            a = getattr(self, side)
            d[side] = a.to_dict() if a else None
        return d


@dataclass
class ArticleResult:
    """Everything the per-document stages produce for one article."""

    article: Article
    actors: list[ActorMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    duplicate_of: str | None = None  # set by dedup when the article is a near-copy of a stored one
    reject: Reject | None = None  # set when the article could not be coded: record this, store nothing

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.to_dict(),
            "events": [e.to_dict() for e in self.events],
            "duplicate_of": self.duplicate_of,
        }


def normalise_body(text: str) -> str:
    """Whitespace- and case-folded text: the same story re-ingested hashes the same."""
    return " ".join(text.split()).casefold()


def article_id(body: str) -> str:
    import hashlib

    return hashlib.sha1(normalise_body(body).encode("utf-8")).hexdigest()


def as_date(value: Any) -> dt.date | None:
    """A date from an ISO string, date or datetime (as stored or exported); None when unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
