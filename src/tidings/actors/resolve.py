"""Within-story resolution: the story's country, surnames, roles and pronouns.

Rule-based and measured (see tests/test_actors_story.py and bench/actors_accuracy.py):

* an office whose state is not named ("Minister of Foreign Affairs ...") takes the
  story's country (``story.py``: the dateline, else the country the story names most, else
  the one country of its towns and provinces), else a person registry entry; so do unnamed
  people ("the tram driver", "a man", "participants": marked ``inferred:...``, at lower
  confidence) and persons named with no state ("Kim said" from Seoul), but not diplomats,
  tourists, peacekeepers, refugees or IGO staff; an office with a place attached ("Police in
  Cologne") was placed before, in ``context.py``, and a guessed namesake of that place yields
  to the story's country ("North West police" in a South African story);
* a later short name of an office takes the full mention's state ("the police" after
  "Police in Cologne", within six sentences), before the dateline;
* a later mention by surname ("Al-Mikdad", "Ambassador Jumali") copies the full mention;
  for names written family name first ("Kim Jong Un", "Xi Jinping") the first word counts too;
* "the minister" copies the last person with that role;
* "he/she/his/her" is the last person mention, preferring the subject of the most recent
  sentence with a person (gender is not used); a possessive before the subject of its own
  sentence ("In his turn, Ambassador Jumali ...") is that subject; "they/their" the last
  group, organisation or state ("them" as an object not its own clause's subject: "police
  dispersed them"); "it/its" the last state or organisation;
* "his country" is the antecedent's country acting as a state (sector GOV).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from functools import lru_cache
from importlib import resources
import tomllib

from ..records import ActorMention, Article
from .context import story_place
from .knowledge import Lexicon, norm
from .recognise import Meta
from .story import story_country


def _pronoun_table() -> dict:
    text = resources.files("tidings.data.actors").joinpath("pronouns.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


_PRONOUNS = _pronoun_table()
PERSON_PRONOUNS = frozenset(_PRONOUNS["pronouns"]["person"])
PLURAL_PRONOUNS = frozenset(_PRONOUNS["pronouns"]["plural"])
NEUTER_PRONOUNS = frozenset(_PRONOUNS["pronouns"]["neuter"])
# what "his/its X" makes of the antecedent's country
POSSESSED_SECTOR: dict[str, str] = dict(_PRONOUNS["possessed_sector"])
COUNTRY_NOUNS = frozenset(POSSESSED_SECTOR)


# People met in an article's body, so the headline (coded after the body) can use them:
# article id -> {name key: mention}. Bounded; a miss only loses headline context.
_BODY_PEOPLE: "OrderedDict[str, dict[str, ActorMention]]" = OrderedDict()
_BODY_PEOPLE_MAX = 256


def _surname(name: str) -> str:
    parts = name.split()
    return norm(parts[-1]) if parts else ""


@lru_cache(maxsize=1)
def _family_name_first() -> frozenset[str]:
    text = resources.files("tidings.data.actors").joinpath("family_name_first.txt").read_text(encoding="utf-8")
    return frozenset(ln.strip().upper() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


def _name_keys(name: str, country: str | None = None) -> list[str]:
    keys = [norm(name)]
    parts = name.split()
    if len(parts) > 1:
        keys.append(_surname(name))
        if country in _family_name_first():
            keys.append(norm(parts[0]))
    return keys


# sectors whose unnamed members are not the story's own: international staff, refugees (coded by
# the state they fled), transnational movements
_NOT_LOCAL = {"IGO", "NGO", "IMG", "REF", "ISM"}


def resolve_story(doc, items: list[tuple[ActorMention, Meta]], lex: Lexicon, article: Article | None,
                  section: str) -> list[ActorMention]:
    mentions = [m for m, _ in items]
    # a dateline place read from the body itself counts when ingest gave none
    s_country, s_from = story_country(article, lex, mentions, doc, section)

    # persons: full names and surnames with what is known about them
    registry: dict[str, ActorMention] = {}
    if section != "body" and article is not None and article.id in _BODY_PEOPLE:
        registry.update(_BODY_PEOPLE[article.id])
    for m, meta in items:
        if m.kind == "person" and m.name and (m.country or m.sector):
            for key in _name_keys(m.name, m.country):
                registry.setdefault(key, m)

    def fill_from(m: ActorMention, src: ActorMention, how: str) -> None:
        changed = False
        if m.country is None and src.country:
            m.country = src.country
            changed = True
        if m.sector is None and src.sector:
            m.sector = src.sector
            changed = True
        if m.role is None and src.role:
            m.role = src.role
        if src.name and (m.name is None or len(src.name) > len(m.name)) and how in ("surname", "role"):
            m.name = src.name
        if changed:
            m.resolved_from = how
            m.code = _code(m)
            m.confidence = max(0.5, min(src.confidence, 0.8))

    # 1. offices of an unnamed state -> the story's country
    for m, meta in items:
        if m.kind == "pronoun":
            continue
        if m.resolved_from == "place" and s_country and m.country != s_country and story_place(m.text, s_country):
            # "North West police" in a South African story: the province of that name there
            m.country = s_country
            m.code = _code(m)
        if m.name and m.kind == "person":
            src = None
            for key in _name_keys(m.name):
                cand = registry.get(key)
                if cand is not None and cand is not m:
                    src = cand
                    break
            if src is not None and (m.country is None or m.sector is None):
                fill_from(m, src, "surname" if norm(m.name) != norm(src.name or "") else "name")
        if meta.domestic and m.country is None and s_country and not meta.only_role:
            m.country = s_country
            m.resolved_from = s_from
            m.code = _code(m)
            m.confidence = round(min(m.confidence, 0.7 if s_from == "dateline" else 0.55), 2)
            if m.kind == "person" and m.name:
                for key in _name_keys(m.name):
                    registry[key] = m
    # second pass: surnames met before the full name was coded; an uncoded name the parser called
    # an organisation ("naidu" after "union minister ... m. venkaiah naidu" in lower-cased copy) too
    for m, meta in items:
        bare_name = m.kind == "organisation" and m.name and m.country is None and m.sector is None and len(m.name.split()) <= 2
        if (m.kind == "person" or bare_name) and m.name and (m.country is None or m.sector is None):
            for key in _name_keys(m.name):
                src = registry.get(key)
                if src is not None and src is not m and src.kind == "person":
                    fill_from(m, src, "surname")
                    m.kind = "person"
                    break
    # a person named with no state and met nowhere else in the story is the story's own
    # ("Kim said" from Seoul is South Korean, from Pyongyang North Korean)
    for m, meta in items:
        if m.kind == "person" and m.name and m.country is None and s_country and not meta.only_role \
                and m.resolved_from != "pronoun" and m.sector not in _NOT_LOCAL and not (m.code or "").startswith("IGO"):
            m.country, m.resolved_from = s_country, s_from
            m.code = _code(m)
            m.confidence = round(min(max(m.confidence, 0.3), 0.5 if s_from == "dateline" else 0.4), 2)

    # 2. roles alone and pronouns, in text order
    history: list[tuple[ActorMention, Meta]] = []
    for idx, (m, meta) in enumerate(items):
        if m.kind == "pronoun":
            ante = _antecedent(m, meta, history, items, idx)
            if ante is not None:
                _apply_pronoun(m, meta, ante)
        elif meta.only_role and meta.definite and m.kind == "person":
            for h, hmeta in reversed(history):
                if h.kind == "person" and h.name and h.role and m.role and (m.role in h.role or h.role in m.role):
                    if meta.sent - hmeta.sent <= 6:
                        fill_from(m, h, "role")
                        if m.resolved_from != "role":
                            m.resolved_from = "role"
                            m.name = h.name
                    break
            # no earlier holder of the role near enough, or one of no known state: "the prime
            # minister" in a New Delhi story, "the head priest" in a Kolkata one, is the story's own
            if m.country is None and s_country and _local_role(m, meta):
                _take_story(m, meta, s_country, s_from, cap=meta.people)
        elif meta.only_role and m.country is None and m.kind != "pronoun" and _earlier_same(m, meta, history):
            # "Police in Cologne ... the police said": a short name takes the full mention's state
            src = _earlier_same(m, meta, history)
            m.country, m.resolved_from = src.country, "earlier mention"
            m.code = _code(m)
            m.confidence = round(min(max(m.confidence, 0.5), src.confidence, 0.75), 2)
        elif meta.only_role and m.country is None and s_country and m.kind != "pronoun" and _local_role(m, meta):
            # a sector with no state ("police said", "the government", "parliament voted", "the tram
            # driver") is the story's own: local copy rarely names the country of its own people
            _take_story(m, meta, s_country, s_from)
        history.append((m, meta))
    if section == "body" and article is not None and article.id:
        people = {}
        for m in mentions:
            if m.kind == "person" and m.name and (m.country or m.sector):
                for key in _name_keys(m.name):
                    people.setdefault(key, replace(m))
        _BODY_PEOPLE[article.id] = people
        _BODY_PEOPLE.move_to_end(article.id)
        while len(_BODY_PEOPLE) > _BODY_PEOPLE_MAX:
            _BODY_PEOPLE.popitem(last=False)
    keep = [m for m in mentions if not (m.kind == "pronoun" and m.resolved_from is None)]
    keep.sort(key=lambda m: (m.start, m.end))
    return keep


def _local_role(m: ActorMention, meta: Meta) -> bool:
    """A role whose unnamed holder is of the story's country: a domestic office, or any role but
    international staff and foreigners (diplomats, tourists, peacekeepers)."""
    return meta.domestic or (m.sector not in _NOT_LOCAL and not meta.foreign)


def _take_story(m: ActorMention, meta: Meta, country: str, how: str, cap: bool = True) -> None:
    """An office or unnamed people with no state in their words take the story's country; for people
    ("a man", "residents") that is an inference, and provenance says so."""
    m.country = country
    m.resolved_from = f"inferred:{how}" if meta.people else how
    m.code = _code(m)
    if not cap:
        return
    top = 0.6 if how == "dateline" else 0.45
    if meta.people or not meta.domestic:
        top -= 0.1
    m.confidence = round(min(m.confidence, top), 2)


def _earlier_same(m: ActorMention, meta: Meta, history) -> ActorMention | None:
    """The last mention with this role and a state within six sentences ("Police in Cologne" for "the police")."""
    if not m.role:
        return None
    for h, hm in reversed(history):
        if meta.sent - hm.sent > 6:
            break
        if h.kind in ("group", "organisation", "person") and h.country and h.role and h.sector == m.sector \
                and (h.role == m.role or norm(h.role).rstrip("s") == norm(m.role).rstrip("s")):
            return h
    return None


def _antecedent(m: ActorMention, meta: Meta, history, items, idx):
    p = meta.pronoun
    if p in PERSON_PRONOUNS:
        # cataphora: "In his turn, Ambassador Jumali affirmed ..."
        earlier_here = any(hm.sent == meta.sent and h.kind == "person" for h, hm in history)
        if p in ("his", "her") and not meta.subject and not earlier_here:
            for m2, meta2 in items[idx + 1 :]:
                if meta2.sent != meta.sent:
                    break
                if m2.kind == "person" and meta2.subject and m2.name:
                    return m2
        persons = [(h, hm) for h, hm in history if h.kind == "person" and (h.name or h.role)
                   or (h.kind == "pronoun" and h.resolved_from == "pronoun" and hm.pronoun in PERSON_PRONOUNS)]
        if p in ("him", "her") and m.text.lower() in ("him", "her") and not meta.subject:
            # an object pronoun is not the subject of its own clause ("the minister told him")
            same_clause = [h for h, hm in persons if hm.sent == meta.sent and hm.subject and hm.clause == meta.clause]
            names = {h.name for h in same_clause if h.name}
            persons = [(h, hm) for h, hm in persons if h not in same_clause and not (h.name and h.name in names)]
        if not persons:
            return None
        # the same sentence first (the nearest person before), then the latest earlier sentence with a subject
        same = [(h, hm) for h, hm in persons if hm.sent == meta.sent]
        if same:
            subj = [x for x in same if x[1].subject]
            pick = (subj or same)[-1][0]
        else:
            last_sent = persons[-1][1].sent
            if meta.sent - last_sent > 4:
                return None
            in_last = [(h, hm) for h, hm in persons if hm.sent == last_sent]
            subj = [x for x in in_last if x[1].subject]
            # the last subject: in '"...," X said' the speaker comes last
            pick = (subj or in_last)[-1][0]
        return pick
    if p in PLURAL_PRONOUNS:
        for h, hm in reversed(history):
            if meta.sent - hm.sent > 2:
                break
            if p == "them" and not meta.subject and hm.sent == meta.sent and hm.clause == meta.clause:
                continue  # "police dispersed them": an object pronoun is not its own clause's subject
            if h.kind in ("group", "organisation", "state") and (h.country or h.sector) and hm.subject:
                return h
            if h.kind == "person" and hm.sent == meta.sent:
                break  # "Zandile and her brother ... their way": people, not an earlier group
        return None
    if p in NEUTER_PRONOUNS:
        for h, hm in reversed(history):
            if meta.sent - hm.sent > 1:
                break
            if h.kind in ("state", "organisation") and (h.country or h.code):
                return h
        return None
    return None


def _apply_pronoun(m: ActorMention, meta: Meta, ante: ActorMention) -> None:
    noun = meta.noun
    if noun and noun in COUNTRY_NOUNS:
        if not ante.country:
            return
        m.country = ante.country
        m.sector = POSSESSED_SECTOR.get(noun)
        m.kind = "state" if noun in ("country", "nation", "state") else "group" if m.sector in ("CVL", "MIL") else "organisation"
        m.name = None
        m.role = noun
        m.resolved_from = "pronoun"
        m.code = _code(m)
        m.confidence = round(max(0.3, ante.confidence * 0.8), 2)
        return
    if noun:
        # "his happiness": only the pronoun itself is an actor
        text = m.text.split()[0]
        m.text = text
        m.end = m.start + len(text)
        m.role = None
    m.name = ante.name
    m.country = ante.country
    m.sector = ante.sector
    m.role = ante.role
    m.code = ante.code
    m.resolved_from = "pronoun"
    m.confidence = round(max(0.3, ante.confidence * 0.8), 2)


def _code(m: ActorMention) -> str | None:
    if m.code and m.code.startswith(("IGO", "NGO", "IMG")) and m.country is None:
        return m.code
    if m.country:
        return m.country + (m.sector if m.sector and m.sector not in ("IGO",) else "")
    return m.sector
