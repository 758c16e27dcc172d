"""Event places: the gazetteer (``gazetteer``), the place a sentence gives an event
(``sentence``) and the order of fall-backs for the whole story (``locate``)."""

from .gazetteer import country_location, find, gazetteer, loose_key, lookup_place, normalise_name
from .locate import locate, story_countries, story_place
from .choose import choose_place, choose_place_candidate
from .sentence import PlaceCandidate, rank_places

__all__ = [
    "PlaceCandidate", "choose_place", "choose_place_candidate", "country_location", "find", "gazetteer",
    "locate", "loose_key", "lookup_place", "normalise_name", "rank_places", "story_countries", "story_place",
]
