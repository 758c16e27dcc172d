"""The actor stage: recognise who acts in a story and code them.

Public API (used by the pipeline, the event stage and the CLI)::

    recognize(doc, article=None, section="body") -> list[ActorMention]
    resolve_text(text) -> ActorMention | None
    actor_for_span(actors, start, end) -> ActorMention | None
    configure(actor_files=(), petrarch_paths=()) -> None
    person_at(name, day=None) -> Tenure | None   # the office a known person held on a date

Coding conventions (see also data/actors/*.tsv):

* ``country`` is ISO 3166-1 alpha-3 (Kosovo ``XKX``), ``None`` for international
  organisations (their ``code`` starts with ``IGO``/``NGO``/``IMG``: ``IGOUNO``, ``IGOEUR``).
* ``sector`` is a PLOVER sector code (GOV, MIL, COP, JUD, LEG, REB, OPP, PTY, IGO, NGO,
  BUS, JRN (media), MED (health), CVL, REF, CRM, SPY, PRM, UAF, ELI, EDU, LAB, AGR, REL, SOC).
* A country named as itself ("Syria", "Kazakhstan's support") keeps ``sector=None`` and
  ``code="SYR"``; a capital that speaks or acts ("Washington said") is the state's
  government, ``code="USAGOV"``, ``kind="state"``, ``resolved_from="capital"``.
  A country word used as a location ("in Syria") is ``kind="place"``.
* ``code`` is country + sector (``SYRGOV``), the organisation code for IGOs, or the
  sector alone when no country is known (``MIL``).
* Known people (``data/actors/people/*.tsv``) are coded by the office they held on the article's
  ``pub_date`` (``resolve_text(text, when=...)`` for a string): "Donald Trump" is USA in 2015,
  USAGOV in 2018, USAELI (a former president) in 2022; undated, their latest office.
  ``person_at`` answers the same for any date (an event's own date, for instance).
"""

from __future__ import annotations

from .api import actor_for_span, configure, recognize, resolve_text
from .people import person_at

__all__ = ["recognize", "resolve_text", "configure", "actor_for_span", "person_at"]
