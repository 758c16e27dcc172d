"""Article scoring judges events as the store keeps them, beside every counted mention."""

from tidings.annotations import GoldArticle
from tidings.evaluate_articles import ArticleScore, Pred, match, score, stored_events
from tidings.records import ActorMention, Event


def _event(type_: str, pos: int, src: str = "IND", tgt: str | None = None) -> Event:
    side = lambda c: ActorMention(text=c, start=0, end=1, country=c, sector="GOV", code=c + "GOV") if c else None  # noqa: E731
    quad = {"ACCUSE": 3, "COERCE": 4, "SUPPORT": 1}[type_]
    return Event(article_id="a", sentence="s", sentence_index=0, section="body", trigger_text="t",
                 trigger_start=pos, trigger_end=pos + 1, plover_type=type_, cameo_code="", quad_class=quad,
                 source=side(src), target=side(tgt), date="2002-03-01", confidence=0.9)


def _pred(ev: Event) -> Pred:
    return Pred(ev, ev.trigger_start, (ev.source.country if ev.source else "-", ev.target.country if ev.target else "-", ev.plover_type))


def test_one_happening_told_three_times_is_one_stored_event():
    preds = [_pred(_event("COERCE", p, "IND", "IND")) for p in (5, 50, 90)]
    preds.append(_pred(_event("SUPPORT", 120, "IND", "PAK")))
    groups = stored_events(preds)
    assert sorted(len(g) for g in groups) == [1, 3]


def test_event_precision_counts_each_stored_event_once():
    gold = GoldArticle(corpus="c", doc="d", split="dev", coder="A", text="x" * 200, url=None, pub_date=None,
                       political=True, events=[{"type": "COERCE", "sentence_span": [0, 40], "source": "IND",
                                                "target": "IND"}])
    # Three reports of one wrong ACCUSE (one stored event) and one right COERCE.
    preds = [_pred(_event("ACCUSE", p, "IND", "PAK")) for p in (60, 100, 150)] + [_pred(_event("COERCE", 10, "IND", "IND"))]
    fig = score([ArticleScore(gold, preds, match(preds, gold.events))])
    assert fig["counted_precision"] == 0.25
    assert fig["stored_events"] == 2
    assert fig["event_precision"] == 0.5


def test_a_record_tidings_rejects_scores_as_nothing_found():
    from tidings.evaluate_articles import code_gold, predictions

    german = ("Die Regierung hat am Montag neue Gesetze beschlossen, die nach Ansicht der Opposition "
              "gegen die Verfassung verstoßen. Der Minister sagte, dass die Reform notwendig sei und "
              "dass sie noch in diesem Jahr in Kraft treten werde.")
    english = "Police arrested three men in Durban on Monday, the provincial police spokesman said."
    arts = [GoldArticle(corpus="c", doc=str(k), split="dev", coder="A", text=t, url=None, pub_date="2002-03-04",
                        political=True, events=[]) for k, t in enumerate((german, english))]
    coded = code_gold(arts, rules_only=True)
    assert len(coded) == 2
    assert coded[0].reject is not None and coded[0].reject.reason == "not_english"
    assert predictions(arts[0], coded[0], 0.0) == []
    assert coded[1].reject is None and coded[1].events
