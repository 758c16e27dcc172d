"""Article near-duplicates and the rule that merges reports of one real-world event.

Article near-duplicates
-----------------------
:class:`ArticleDeduper` keeps a MinHash signature (``datasketch``) of each
article body over word 3-shingles (lower-cased words, punctuation dropped) in a
MinHash LSH index. A wire story re-run by another outlet with a few words changed
or a different sign-off shares most of its shingles and is found; a different
story on the same topic shares few. Signatures are plain lists of ints so the
store can keep them in a column and rebuild the index on start.

Event merging (events vs mentions)
----------------------------------
Each coded event is a *mention*; mentions are merged into one *event* when
:func:`same_event` holds. Outlets telling one happening differ in CAMEO leaf,
sometimes PLOVER type, actor detail, place precision and date, so two flat rows
are the same event when all of:

1. one quad class, both with a PLOVER type (ASSAULT and COERCE for one bombing); two
   mentions of one article with different types stay apart (its coder told them apart);
2. :func:`actors_compatible`: on each side the countries agree where both rows
   name one (AFG REB and AFG; a side one row leaves unnamed is detail it left
   out), sectors agree or share a group of ``data/dedup/sector_groups.tsv``; at
   least one side has a country in both rows, else both name the same city (or
   the same country as place, with a country on some side in each). For quad
   class 1 (meetings, agreements) the sides may be swapped;
3. both dates known and within ``max_days`` days (default 1). A mention with no
   date is not merged (``allow_undated=True`` relaxes this);
4. :func:`locations_compatible`: the same GeoNames id; or one side country-level
   or unknown and the countries agree; or a country-level place that is the
   acting side's country (a coder's guess from "Israeli strike") against a city.
   Two different cities, or two different un-geocoded regions, are different events.

:func:`event_key` gives the blocking key (the quad class) for finding candidates;
:func:`cluster_events` applies the rule to a batch of rows with complete linkage
(a new mention must match every mention already in the event, so daily reports
of daily shelling do not chain into one long event). The rule in words is in
docs/schema.md; ``max_days`` and ``allow_undated`` are the knobs.

Modules: ``articles`` (near-duplicate bodies), ``events`` (mentions into events).
"""

from .articles import ArticleDeduper, shingles
from .events import (
    BLOCK_FIELDS,
    EventIndex,
    Facts,
    actors_compatible,
    cluster_events,
    dates_compatible,
    event_key,
    event_row,
    facts,
    locations_compatible,
    quad_of,
    rows_from_events,
    same_event,
)

__all__ = ["ArticleDeduper", "EventIndex", "shingles", "same_event", "event_key", "locations_compatible", "cluster_events"]
