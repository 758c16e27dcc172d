"""Hand-built ArticleResults for the store, query, export and plot tests (no spaCy needed).

Imported by the other test_store*/test_query/test_export/test_plot modules; it holds no tests.
"""

from __future__ import annotations

from tidings.records import ActorMention, Article, ArticleResult, Dateline, Event, Location, article_id

PLACES = {
    "Damascus": ("SYR", 33.51, 36.29, 170654),
    "Astana": ("KAZ", 51.18, 71.45, 1526273),
    "Kyiv": ("UKR", 50.45, 30.52, 703448),
    "Moscow": ("RUS", 55.75, 37.62, 524901),
}


def actor(code: str | None, text: str | None = None, name: str | None = None, start: int = 0) -> ActorMention | None:
    if code is None:
        return None
    country, sector = (code[:3], code[3:6] or None) if code[:3] != "IGO" else (None, "IGO")
    text = text or code
    return ActorMention(
        text=text, start=start, end=start + len(text), name=name or text, country=country, sector=sector,
        code=code, kind="person" if sector else "state", confidence=0.8,
    )


def event(
    plover: str = "CONSULT",
    source: str | None = "SYRGOV",
    target: str | None = "KAZGOV",
    date: str | None = "2024-12-04",
    *,
    cameo: str = "043",
    quad: int = 1,
    goldstein: float = 2.8,
    modality: str = "asserted",
    sentence: str = "The minister met the ambassador on Wednesday.",
    sentence_index: int = 0,
    section: str = "body",
    place: str | None = "Damascus",
    precision: str = "place",
    confidence: float = 0.9,
    date_source: str = "text",
) -> Event:
    loc = None
    if place:
        country, lat, lon, gid = PLACES[place]
        loc = Location(name=place, country=country, lat=lat, lon=lon, geonameid=gid, precision=precision, text=place)
    return Event(
        article_id="",
        sentence=sentence,
        sentence_index=sentence_index,
        section=section,
        trigger_text="met",
        trigger_start=4,
        trigger_end=7,
        plover_type=plover,
        cameo_code=cameo,
        source=actor(source, start=0),
        target=actor(target, start=20),
        plover_mode="visit" if plover == "CONSULT" else None,
        plover_context=["diplomatic"],
        goldstein=goldstein,
        quad_class=quad,
        modality=modality,
        rule="test",
        confidence=confidence,
        date=date,
        date_text="on Wednesday" if date_source == "text" else None,
        date_source=date_source,
        location=loc,
    )


def result(
    body: str,
    events: list[Event] = (),
    *,
    outlet: str | None = None,
    url: str | None = None,
    pub_date: str | None = "2024-12-05",
    duplicate_of: str | None = None,
    title: str | None = None,
) -> ArticleResult:
    aid = article_id(body)
    art = Article(
        id=aid, body=body, title=title or body[:40], dateline=Dateline(place="Damascus", agency="ST", text="Damascus, (ST) –"),
        author="Test Writer", pub_date=pub_date, pub_date_source="cli", language="en",
        boilerplate=["Latest news"], source_path=f"/in/{aid[:8]}.txt", url=url, outlet=outlet,
    )
    evs = []
    for i, ev in enumerate(events):
        ev.article_id = aid
        ev.id = f"{aid[:12]}-{i}"
        evs.append(ev)
    actors = [a for ev in evs for a in (ev.source, ev.target) if a]
    return ArticleResult(article=art, actors=actors, events=evs, duplicate_of=duplicate_of)


def body(n: int, words: str = "") -> str:
    """Distinct article bodies that are not near-duplicates of each other."""
    filler = " ".join(f"w{n}x{i}" for i in range(40))
    return f"Story number {n}. {words} {filler}"


def corpus() -> list[ArticleResult]:
    """A small mixed corpus exercising every filter."""
    return [
        result(body(1), [event()], outlet="SANA", url="https://sana.sy/a1"),
        result(body(2), [event(date="2024-12-05")], outlet="Reuters"),  # same meeting, next day -> merges
        result(body(3), [event("ACCUSE", "RUSGOV", "UKRMIL", "2024-11-10", cameo="112", quad=3, goldstein=-2.0,
                               place="Kyiv", confidence=0.6)], outlet="TASS"),
        result(body(4), [event("ASSAULT", "RUSMIL", "UKRCVL", "2024-11-20", cameo="190", quad=4, goldstein=-10.0,
                               place="Kyiv", sentence="Russian forces shelled a village near Kyiv.")], outlet="AP"),
        result(body(5), [event("COOPERATE", "KAZGOV", "SYRGOV", "2024-10-02", cameo="057", quad=2, goldstein=8.0,
                               place="Astana")], outlet="Kazinform"),
        result(body(6), [event("CONSULT", "SYRGOV", "KAZGOV", "2024-12-20", modality="negated", place=None)], outlet="SANA"),
    ]
