"""Article near-duplicates (MinHash/LSH) and the event-merging rule."""

from __future__ import annotations

import pytest

from tidings.dedup import ArticleDeduper, cluster_events, event_key, event_row, same_event
from tidings.records import ActorMention, Article, Event

ORIGINAL = (
    "The foreign ministers of Egypt and Jordan met in Cairo on Wednesday to discuss a ceasefire plan "
    "for the region and the delivery of aid through the Rafah crossing. Egyptian Foreign Minister Sameh "
    "Shoukry told reporters after the meeting that both governments wanted an immediate halt to the "
    "fighting and the release of all hostages. His Jordanian counterpart Ayman Safadi said the two "
    "countries would coordinate their positions ahead of an Arab League summit later this month and "
    "called on the international community to open more land routes for humanitarian convoys. The "
    "ministers also reviewed bilateral trade, which has grown steadily over the past five years, and "
    "agreed to convene a joint economic committee in Amman before the end of the year. Officials said "
    "a follow-up meeting of technical teams would be held in the coming weeks."
)
SYNDICATED = (
    "CAIRO (Wire) - The foreign ministers of Egypt and Jordan met in Cairo on Wednesday to discuss a "
    "truce plan for the region and the delivery of aid through the Rafah border crossing. Egyptian "
    "Foreign Minister Sameh Shoukry told journalists after the meeting that both governments wanted an "
    "immediate halt to the fighting and the release of all hostages. His Jordanian counterpart Ayman "
    "Safadi said the two countries would coordinate their positions ahead of an Arab League summit later "
    "this month and called on the international community to open more land routes for humanitarian "
    "convoys. The ministers also reviewed bilateral trade, which has grown steadily over the past five "
    "years, and agreed to convene a joint economic committee in Amman before the end of the year. "
    "Officials said a follow-up meeting of technical teams would be held in the coming weeks. "
    "(Reporting by staff; editing by the desk) Copyright 2024 Wire Services."
)
SAME_TOPIC = (
    "Jordan's top diplomat Ayman Safadi travelled to Cairo for talks with Egyptian Foreign Minister "
    "Sameh Shoukry, the Jordanian foreign ministry said in a statement. The talks focused on efforts to "
    "reach a ceasefire and to increase the flow of humanitarian aid, the statement said, adding that "
    "the two sides stressed the need to protect civilians. Safadi is expected to travel on to Riyadh "
    "for consultations with Saudi officials. Egypt and Jordan have held regular meetings since the war "
    "began, and both have warned against any displacement of Palestinians from their land. Analysts say "
    "the two neighbours are seeking a larger role in regional diplomacy."
)


# --- article near-duplicates ----------------------------------------------------------


def test_syndicated_copy_is_found_and_a_different_story_is_not() -> None:
    d = ArticleDeduper()
    d.add("orig", ORIGINAL)
    assert d.query(SYNDICATED) == "orig"
    assert d.query(SAME_TOPIC) is None
    assert d.similarity(ORIGINAL, SYNDICATED) > 0.8 > d.similarity(ORIGINAL, SAME_TOPIC)


def test_signature_round_trip_through_a_store() -> None:
    d = ArticleDeduper()
    sig = d.signature(ORIGINAL)
    assert len(sig) == 128 and all(isinstance(v, int) for v in sig)
    fresh = ArticleDeduper()  # e.g. rebuilt from a DB column on start
    fresh.add("orig", sig)
    assert fresh.query(SYNDICATED) == "orig"
    assert fresh.query(d.signature(SYNDICATED)) == "orig"


def test_best_match_and_empty_bodies() -> None:
    d = ArticleDeduper()
    d.add("copy", SYNDICATED)
    d.add("orig", ORIGINAL)
    d.add("orig", SAME_TOPIC)  # a re-added id keeps its first body
    assert d.query(ORIGINAL) == "orig"
    assert d.query("") is None
    d.add("empty", "")
    assert "empty" not in d and len(d) == 2


def test_bad_signature_is_a_clear_error() -> None:
    with pytest.raises(ValueError):
        ArticleDeduper().query([1, 2, 3])


# --- events vs mentions ----------------------------------------------------------------

OUTLETS = [
    # (publication date, body, trigger): one meeting reported three ways
    ("2024-03-07", "Egyptian Foreign Minister Sameh Shoukry met his Jordanian counterpart Ayman Safadi "
     "in Cairo on Wednesday to discuss the situation in Gaza.", "met"),
    ("2024-03-06", "Egypt's foreign minister hosted Jordan's Ayman Safadi for talks in the Egyptian "
     "capital Cairo today, officials said.", "hosted"),
    ("2024-03-07", "Shoukry held talks with Safadi yesterday in Cairo, according to a statement from "
     "the Egyptian foreign ministry.", "held"),
]


@pytest.fixture(scope="module")
def nlp():
    from tidings.nlp import load_nlp

    return load_nlp()


def _coded(nlp, pub: str, body: str, trigger: str, aid: str) -> Event:
    """One CONSULT mention with located and dated words, actors given (EGY GOV → JOR GOV)."""
    from tidings.place import locate
    from tidings.when import resolve_dates

    article = Article(id=aid, body=body, pub_date=pub)
    doc = nlp(body)
    i = body.index(trigger)
    src = ActorMention(text="Egypt", start=0, end=1, country="EGY", sector="GOV", kind="person")
    tgt = ActorMention(text="Jordan", start=0, end=1, country="JOR", sector="GOV", kind="person")
    ev = Event(article_id=aid, sentence=body, sentence_index=0, section="body", trigger_text=trigger,
               trigger_start=i, trigger_end=i + len(trigger), plover_type="CONSULT", cameo_code="043",
               quad_class=1, source=src, target=tgt)
    locate([ev], doc, article, [])
    resolve_dates([ev], doc, article)
    return ev


def test_three_outlets_one_event(nlp) -> None:
    rows = [event_row(_coded(nlp, pub, body, trig, f"a{i}")) for i, (pub, body, trig) in enumerate(OUTLETS)]
    assert {r["date"] for r in rows} == {"2024-03-06"}
    assert {r["location_name"] for r in rows} == {"Cairo"}
    assert all(same_event(a, b) for a in rows for b in rows)
    assert cluster_events(rows) == [0, 0, 0]
    assert len({r["article_id"] for r in rows}) == 3


def _row(**kw) -> dict:
    base = dict(plover_type="CONSULT", source_country="EGY", source_sector="GOV", target_country="JOR",
                target_sector="GOV", date="2024-03-06", location_country="EGY", location_name="Cairo",
                location_geonameid=360630)
    base.update(kw)
    return base


def test_merge_rule_parts() -> None:
    a = _row()
    assert event_key(a) == (1,)  # quad class: CONSULT and AGREE reports of one meeting are compared
    assert same_event(a, _row(date="2024-03-07"))
    assert not same_event(a, _row(date="2024-03-08"))
    assert same_event(a, _row(date="2024-03-08"), max_days=2)
    assert not same_event(a, _row(date=None))  # undated reports could be years apart
    assert same_event(a, _row(date=None), allow_undated=True)
    # a mention without any coded actor says too little to be matched
    anon = dict(source_country=None, source_sector=None, target_country=None, target_sector=None)
    assert not same_event(_row(**anon), _row(**anon))
    assert not same_event(_row(plover_type=""), _row(plover_type=""))
    sector_only = dict(anon, source_sector="COP", target_sector="CVL")
    assert same_event(_row(**sector_only), _row(**sector_only))  # same city, same day
    in_country = dict(sector_only, location_name="Egypt", location_geonameid=357994)
    assert not same_event(_row(**in_country), _row(**in_country))  # a whole country is too vague
    assert same_event(_row(source_country=None, source_sector=None), _row(source_country=None, source_sector=None))
    assert not same_event(a, _row(plover_type="ASSAULT"))
    assert not same_event(a, _row(target_country="ISR"))
    assert not same_event(a, _row(source_sector="MIL"))
    assert not same_event(a, _row(location_name="Amman", location_country="JOR", location_geonameid=250441))
    # country-level or missing location is compatible when countries agree
    assert same_event(a, _row(location_name="Egypt", location_geonameid=357994))
    assert not same_event(a, _row(location_name="Jordan", location_country="JOR", location_geonameid=248816))
    assert same_event(a, _row(location_name=None, location_country=None, location_geonameid=None))
    # two different regions known only by name are different places
    b = _row(location_name="Gauteng", location_country="ZAF", location_geonameid=None)
    assert not same_event(b, _row(location_name="Western Cape", location_country="ZAF", location_geonameid=None))
    assert same_event(b, dict(b))


def test_one_articles_types_stay_apart_but_outlets_may_differ() -> None:
    consult, agree = _row(article_id="a"), _row(article_id="a", plover_type="AGREE")
    assert not same_event(consult, agree)  # the meeting and the pledge made at it, told apart by one article
    assert same_event(consult, _row(article_id="a"))  # the meeting told twice in the article
    assert same_event(consult, _row(article_id="b", plover_type="AGREE"))  # another outlet's type for it
    assert same_event(_row(plover_type="AGREE"), consult)  # rows without an article id: the outlets' rule
    assert cluster_events([consult, agree, _row(article_id="b")]) == [0, 1, 0]


def test_cluster_events_keeps_different_events_apart() -> None:
    rows = [_row(), _row(date="2024-03-07"), _row(location_name="Amman", location_country="JOR",
            location_geonameid=250441), _row(plover_type="ACCUSE"), _row(date="2024-03-08")]
    # two days after the first report is another event, even though it is a day after the second
    assert cluster_events(rows) == [0, 0, 1, 2, 3]


def test_outlets_differ_in_type_actor_detail_place_and_day() -> None:
    """One bombing told by four outlets: ASSAULT/COERCE (one quad class), AFG REB vs AFG vs no
    sector, Mazar-i-Sharif vs Afghanistan, Tuesday vs the next day."""
    base = dict(plover_type="ASSAULT", quad_class=4, source_country="AFG", source_sector="REB",
                target_country="AFG", target_sector="REL", date="2025-03-11", location_country="AFG",
                location_name="Mazar-i-Sharif", location_geonameid=1133453, location_precision="city")
    country = dict(location_name="Afghanistan", location_geonameid=1149361, location_precision="country")
    rows = [
        base,
        dict(base, source_sector=None, target_sector="CVL", date="2025-03-12", **country),
        dict(base, plover_type="COERCE", target_country=None, target_sector=None),
        dict(base, source_country=None, **country),
    ]
    assert cluster_events(rows) == [0, 0, 0, 0]
    # but not rebels vs the government, another country, another city, or verbal conflict
    assert not same_event(base, dict(base, source_sector="GOV"))
    assert not same_event(base, dict(base, target_country="PAK"))
    assert not same_event(base, dict(base, location_name="Kabul", location_geonameid=1138958))
    assert not same_event(base, dict(base, plover_type="ACCUSE", quad_class=3))


def test_meetings_are_mutual_and_daily_shelling_does_not_chain() -> None:
    a = _row()
    assert same_event(a, _row(source_country="JOR", target_country="EGY"))  # "Jordan met Egypt"
    shell = dict(plover_type="ASSAULT", quad_class=4, source_country="RUS", source_sector="MIL",
                 target_country="UKR", target_sector=None, location_country="UKR", location_name="Kharkiv",
                 location_geonameid=706483, location_precision="city")
    assert not same_event(shell, dict(shell, source_country="UKR", target_country="RUS"))  # attacks are not mutual
    days = [dict(shell, date=f"2025-11-{d:02d}") for d in (10, 11, 12, 13, 14)]
    labels = cluster_events(days)
    assert len(set(labels)) >= 3  # complete linkage: no event spans more than max_days
    # an "Israeli strike" placed in Israel by the coder is not a contradiction of a Gaza city
    gaza = dict(shell, source_country="ISR", target_country="PSE", location_country="PSE", location_name="Gaza",
                location_geonameid=281133, date="2025-05-20")
    assert same_event(gaza, dict(gaza, location_country="ISR", location_name="Israel", location_geonameid=294640,
                                 location_precision="country"))
