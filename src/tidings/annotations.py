"""The project's hand annotations of whole articles (docs/annotation.md).

Annotations live in the repository as document ids and character offsets into records of a corpus
that lives elsewhere (``../shared/corpus`` here, the user's own files elsewhere). This module reads
them back together: the sample and its splits, each article's coding by its primary coder, and the
corpus record it points at, as the JSONL record ``tidings code`` would read.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

# Corpus name → (file name, id field, text field): the two corpora the sample was drawn from.
CORPORA = {
    "sabinet": ("sabinet_news_documents.jsonl", "id", "text"),
    "india": ("india_police_events_docs.jsonl", "doc_id", "doc_text"),
}

_WIRE = (re.compile(r"^SAP(20\d{6})S"), re.compile(r"^SAP(\d{6})S"), re.compile(r"^SAP[A-Z]+_(20\d{6})\d*_"))
_INDIA = re.compile(r"^This story is from (\w+ \d{1,2}, \d{4})")


@dataclass
class GoldArticle:
    corpus: str
    doc: str
    split: str
    coder: str
    text: str
    url: str | None
    pub_date: str | None
    political: bool
    events: list[dict] = field(default_factory=list)

    def record(self) -> dict:
        """The corpus record as a JSONL line for ``tidings code`` (publication date as the coders saw it)."""
        rec = {"id": f"{self.corpus}:{self.doc}", "text": self.text}
        if self.url:
            rec["url"] = self.url
        if self.pub_date:
            rec["date"] = self.pub_date
        return rec


def pub_date(corpus: str, text: str, url: str | None) -> str | None:
    """The publication date the coders resolved relative dates against (wire id, or the page's own line)."""
    if corpus == "india":
        m = _INDIA.match(text)
        if m:
            try:
                return dt.datetime.strptime(m.group(1), "%B %d, %Y").date().isoformat()
            except ValueError:
                return None
        return None
    for pat in _WIRE:
        m = pat.match(url or "")
        if m:
            d = m.group(1)
            d = d if len(d) == 8 else "20" + d
            try:
                return dt.date(int(d[:4]), int(d[4:6]), int(d[6:8])).isoformat()
            except ValueError:
                return None
    return None


@lru_cache(maxsize=4)
def load_corpus(corpus_dir: str, name: str) -> dict[str, dict]:
    fname, id_key, text_key = CORPORA[name]
    docs = {}
    with open(Path(corpus_dir) / fname, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            docs[str(rec[id_key])] = {"text": rec[text_key], "url": rec.get("url")}
    return docs


def _batch(path: Path) -> int:
    """The draw a sample file holds: 1 for ``sample.tsv``, N for ``sample-N.tsv``."""
    tail = path.stem.partition("-")[2]
    return int(tail) if tail.isdigit() else 1


def sample_files(ann_dir: str | Path) -> list[Path]:
    """The first draw (``sample.tsv``) and later batches (``sample-2.tsv`` ...), in the order drawn."""
    ann = Path(ann_dir)
    return sorted((p for p in [ann / "sample.tsv", *ann.glob("sample-*.tsv")] if p.exists()), key=_batch)


def read_sample(ann_dir: str | Path) -> list[dict[str, str]]:
    """Every drawn article with its split and coders; each batch keeps the split it was written with."""
    rows = []
    for path in sample_files(ann_dir):
        batch = str(_batch(path))
        header = None
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#") or not line.strip():
                    continue
                cells = line.rstrip("\n").split("\t")
                if header is None:
                    header = cells
                else:
                    rows.append({**dict(zip(header, cells)), "batch": batch})
    return rows


def read_codings(ann_dir: str | Path) -> dict[tuple[str, str, str], dict]:
    """(corpus, doc, annotator) → that annotator's coding."""
    out = {}
    for path in sorted((Path(ann_dir) / "coded").glob("*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                out[(r["corpus"], str(r["doc"]), r["annotator"])] = r
    return out


def load_articles(ann_dir: str | Path, corpus_dir: str | Path, splits: tuple[str, ...] | None = None,
                  batches: tuple[str, ...] | None = None) -> list[GoldArticle]:
    """Annotated articles of the given splits (and draws), each with its primary coder's events, in sample order."""
    codings = read_codings(ann_dir)
    out = []
    for row in read_sample(ann_dir):
        if splits and row["split"] not in splits:
            continue
        if batches and row["batch"] not in batches:
            continue
        coding = codings.get((row["corpus"], row["doc"], row["coder"]))
        if coding is None:
            continue
        doc = load_corpus(str(corpus_dir), row["corpus"])[row["doc"]]
        out.append(GoldArticle(
            corpus=row["corpus"], doc=row["doc"], split=row["split"], coder=row["coder"], text=doc["text"],
            url=doc["url"], pub_date=pub_date(row["corpus"], doc["text"], doc["url"]),
            political=bool(coding.get("political")), events=coding.get("events", []),
        ))
    return out
