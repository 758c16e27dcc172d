"""The story's day: events whose sentence names no day take the day the lead tells of."""

from __future__ import annotations

import pytest

from tidings.records import Article, Event
from tidings.when import resolve_dates

PUB = "2024-12-05"  # a Thursday


@pytest.fixture(scope="module")
def nlp():
    from tidings.nlp import load_nlp

    return load_nlp()


def _dates(nlp, text: str, triggers: list[str], pub: str | None = PUB) -> list[Event]:
    events = []
    for trigger in triggers:
        i = text.index(trigger)
        events.append(Event(article_id="a", sentence="", sentence_index=0, section="body", trigger_text=trigger,
                            trigger_start=i, trigger_end=i + len(trigger), plover_type="ACCUSE", cameo_code="111"))
    resolve_dates(events, nlp(text), Article(id="a", body=text, pub_date=pub))
    return events


def test_a_later_sentence_without_a_day_takes_the_leads_day(nlp) -> None:
    text = ("The opposition leader has accused the government of failing the farmers. Addressing a press "
            "conference here on Tuesday, he said the ministers had ignored them. He also demanded the "
            "resignation of the agriculture minister.")
    accused, demanded = _dates(nlp, text, ["accused", "demanded"])
    assert (accused.date, accused.date_source, accused.date_text) == ("2024-12-03", "story", "on Tuesday")
    assert (demanded.date, demanded.date_source) == ("2024-12-03", "story")


def test_a_sentences_own_day_wins_over_the_story_day(nlp) -> None:
    text = ("The mayor on Tuesday started a fast for peace in the city. "
            "Police arrested twelve men on Wednesday.")
    _, arrested = _dates(nlp, text, ["started", "arrested"])
    assert (arrested.date, arrested.date_source) == ("2024-12-04", "text")


def test_a_day_to_come_or_a_condition_is_not_the_story_day(nlp) -> None:
    text = ("The union has threatened to strike if the talks fail on Monday. "
            "Its leader will meet the minister on Friday. The union also criticised the employers.")
    *_, criticised = _dates(nlp, text, ["threatened", "criticised"])
    assert (criticised.date, criticised.date_source) == (PUB, "pub_date")


def test_a_lead_date_long_before_publication_is_history_not_the_story_day(nlp) -> None:
    text = ("The party recalled the riots of December 6, 1992 in a statement. "
            "It condemned the violence.")
    (condemned,) = _dates(nlp, text, ["condemned"])
    assert (condemned.date, condemned.date_source) == (PUB, "pub_date")


def test_an_undated_article_takes_a_written_out_day_of_its_lead(nlp) -> None:
    text = ("The cabinet met in Pretoria on 24 October 2007. "
            "It approved a plan to support the fishermen.")
    (approved,) = _dates(nlp, text, ["approved"], pub=None)
    assert (approved.date, approved.date_source) == ("2007-10-24", "story")


def test_a_day_to_come_in_another_clause_is_not_the_events_day(nlp) -> None:
    text = "Lawyers for an inmate scheduled to die on Wednesday are asking a court to halt the execution."
    (asking,) = _dates(nlp, text, ["asking"])
    assert asking.date != "2024-12-04" and asking.date_source == "pub_date"
    # in the trigger's own clause a day to come is the event's day ("will visit on Monday")
    (visit,) = _dates(nlp, "The president will visit the flooded region on Monday.", ["visit"])
    assert (visit.date_text, visit.date_source) == ("on Monday", "text")


def test_an_attempt_that_was_made_gives_the_story_day(nlp) -> None:
    # "tried to block" happened; "is set to be hanged" had not
    text = ("Police arrested fifty party workers when they tried to block the traffic on the bridge on Tuesday. "
            "The workers were later released.")
    (released,) = _dates(nlp, text, ["released"])
    assert (released.date, released.date_source) == ("2024-12-03", "story")
    text = "The inmate is set to be hanged on Tuesday. His lawyers appealed to the court."
    (appealed,) = _dates(nlp, text, ["appealed"])
    assert appealed.date_source == "pub_date"


def test_a_story_whose_lead_names_no_day_takes_the_first_day_further_down(nlp) -> None:
    lead = ("The strike called by the transport unions evoked a near total response across the state, "
            "with buses kept in their depots in most of the districts and shops closed in the towns. "
            "Barring a few incidents of stone throwing at buses in the north, the strike remained peaceful. "
            "About forty union workers were arrested in the capital. ")
    middle = ("Reports from the coastal districts said that the strike was peaceful there too and that no "
              "untoward incident was reported from any part of the region. ") * 4
    text = lead + middle + "The union leader addressed a public meeting near the town hall on Friday."
    assert text.index("on Friday") > 700  # beyond the lead
    (arrested,) = _dates(nlp, text, ["arrested"])
    assert (arrested.date, arrested.date_source, arrested.date_text) == ("2024-11-29", "story", "on Friday")
    # a day further down that had not come to pass is no story day either
    text = lead + middle + "Their leaders will meet the minister on Friday."
    (arrested,) = _dates(nlp, text, ["arrested"])
    assert (arrested.date, arrested.date_source) == (PUB, "pub_date")


def test_a_day_said_after_a_quote_about_plans_is_a_day_that_happened(nlp) -> None:
    # A quote whose marks were decoded as cp1252 (\u00e2\u20ac\u0153) leaves "said" under the quote's
    # "plan to sell": the climb from "on sunday" stops at "said", which happened.
    text = ("mumbai: the union leader has criticised the state budget. \u00e2\u20ac\u0153it is a plan to sell "
            "the mills,\u00e2\u20ac\ufffd he said at a rally on sunday and urged the workers to protest.")
    criticised, urged = _dates(nlp, text, ["criticised", "urged"])
    assert (urged.date, urged.date_source, urged.date_text) == ("2024-12-01", "text", "on sunday")
    assert (criticised.date, criticised.date_source) == ("2024-12-01", "story")


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The ruling party has criticised the opposition for its decision to stage a sit-in at the assembly "
         "on December 9.", "criticised"),
        ("Villagers guarded the temple against a threat to blow it up on Monday morning.", "guarded"),
        ("The rebels rejected the offer to hold talks in Geneva on December 10.", "rejected"),
    ],
)
def test_a_day_in_an_infinitive_that_describes_a_noun_is_a_day_to_come(nlp, text, trigger) -> None:
    # "a decision to stage", "a threat to blow up", "the offer to hold": what they name had not happened
    (ev,) = _dates(nlp, text, [trigger])
    assert (ev.date, ev.date_source) == (PUB, "pub_date")
    # an infinitive after a verb of trying tells of something that was done
    (arrested,) = _dates(nlp, "Police arrested the man who tried to rob a shop on Tuesday.", ["arrested"])
    assert (arrested.date, arrested.date_source) == ("2024-12-03", "text")


def test_a_sentence_without_a_day_takes_the_day_of_the_sentence_before(nlp) -> None:
    text = ("Two officers were wounded in a shoot-out on the highway, police said on Wednesday. "
            "They were hit when they tried to stop a car near the toll gate on Tuesday. "
            "The four men in the car opened fire on them with rifles.")
    (fired,) = _dates(nlp, text, ["opened fire"])
    assert (fired.date, fired.date_source, fired.date_text) == ("2024-12-03", "story", "on Tuesday")
    text = ("A man appeared in court on Monday for the assault of a shopkeeper. "
            "He broke into the shop and beat the owner on Sunday morning, the police spokesman said. "
            "The man was arrested shortly afterwards.")
    (arrested,) = _dates(nlp, text, ["arrested"])
    assert (arrested.date, arrested.date_source) == ("2024-12-01", "story")
    # the main clause's day before a day in a clause below it
    text = ("The party leader on Tuesday said that the curfew was imposed on Sunday. "
            "He criticised the minister for the violence.")
    _, criticised = _dates(nlp, text, ["said", "criticised"])
    assert (criticised.date, criticised.date_text) == ("2024-12-03", "on Tuesday")


def test_a_day_to_come_in_the_sentence_before_is_not_carried(nlp) -> None:
    text = ("The unions condemned the new labour law on Tuesday. "
            "Their leaders will meet the minister on Friday. "
            "The unions also criticised the employers.")
    *_, criticised = _dates(nlp, text, ["condemned", "criticised"])
    assert (criticised.date, criticised.date_source, criticised.date_text) == ("2024-12-03", "story", "on Tuesday")
