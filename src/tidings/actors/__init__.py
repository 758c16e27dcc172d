"""The actor stage: recognise who acts in a story and code them.

Public API (used by the pipeline, the event stage and the CLI)::

    recognize(doc, article=None, section="body") -> list[ActorMention]
    resolve_text(text) -> ActorMention | None
    actor_for_span(actors, start, end) -> ActorMention | None
    configure(actor_files=(), petrarch_paths=()) -> None

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
"""

from __future__ import annotations

from .api import actor_for_span, configure, recognize, resolve_text

__all__ = ["recognize", "resolve_text", "configure", "actor_for_span"]
