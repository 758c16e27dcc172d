"""Regular expressions of datelines, bylines, slugs and wire sign-offs, shared by the page modules."""

from __future__ import annotations

import re


MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# Month names in the datelines of French and Spanish wire copy ("DAKAR, 3 avril (AFP) -")
FOREIGN_MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}  # fmt: skip

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|"
    r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre|"
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|se(?:p)?tiembre|octubre|noviembre|diciembre)\.?"
)
_DATE = (
    rf"(?:(?P<mon1>{_MONTH})\s+(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year1>(?:19|20)\d\d))?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon2>{_MONTH})(?:,?\s+(?P<year2>(?:19|20)\d\d))?)"
)
_DASH = r"(?:--|—|–|-|_)"
# A place word: "Damascus", "NEW", "Port-au-Prince", "St.", "Al-Hasakah", "D.C."
_PW = r"(?:[A-Z][A-Za-z'’.\-]*[A-Za-z.](?:/[A-Z][A-Za-z'’.\-]*[A-Za-z.])?|[A-Z])"
_PLACE = rf"{_PW}(?:\s+(?:{_PW}|de|del|al|el|es|of|du|la|le|am|upon))" + "{0,3}"
_TAG = r"[A-Za-z][A-Za-z0-9.&/\- ]{0,28}?"

# "Damascus, (ST) –", "BEIRUT (Reuters) -", "WASHINGTON, Dec. 9 (UPI) --", "ENTEBBE, Uganda, Dec. 28 (Xinhua) --"
_WITH_PAREN = re.compile(
    rf"(?P<place>{_PLACE}(?:,\s*{_PLACE})?)\s*,?\s*(?:{_DATE}\s*,?\s*)?\((?P<agency>{_TAG})\)\s*(?:{_DASH}|:)?\s*"
)
# "(AFP) -" with no place
_PAREN_ONLY = re.compile(rf"\((?P<agency>{_TAG})\)\s*(?:{_DASH}|:)\s*|\((?P<agency2>{_TAG})\)\s+(?=[A-Z\"“])")
# "SANA –", "Damascus, SANA –": agency named without brackets (only known agencies)
_BARE_AGENCY = re.compile(rf"(?:(?P<place>{_PLACE})\s*,\s*)?(?P<agency>[A-Za-z][A-Za-z\-/ ]{{1,20}}?)\s*(?:{_DASH}|:)\s+")
# "BEIRUT -", "JOHANNESBURG, May 27 -", "KYIV, Ukraine —": upper-case place, no agency
_CAPS_PLACE = re.compile(
    rf"(?P<place>[A-Z][A-Z'.\-]+(?:\s+[A-Z][A-Z'.\-]+){{0,3}}(?:,\s*{_PLACE})?)\s*(?:,\s*{_DATE})?\s*(?:{_DASH}|:)\s+"
)

_SENT_END = re.compile(r"[.!?。！？][\"'”’)\]」』]*$")
# Japanese and Chinese are written without spaces between words: a line's word count is read
# from its characters (about two a word), or a paragraph would never look long enough
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")

_TRUNC_END = re.compile(r"(?:\.\.\.|…)\s*[\"'”’]?$")
_TRUNC_CUT = re.compile(r"(?:(?<=\.\.\.)|(?<=…))\s+")
_BYLINE = re.compile(r"^(?:by|written by|reporting by|story by)\s*:?\s+(?P<name>.+)$", re.IGNORECASE)
_NAME_TOKEN = re.compile(r"^(?:[A-Z][a-z]+(?:[-'’][A-Za-z][a-z]+)*|[A-Z]\.|(?:al|el|bin|ibn|de|da|dos|van|von|der|du|le|la)(?:-[A-Z][a-z]+)?|Mc[A-Z][a-z]+|Mac[A-Z][a-z]+|O'[A-Z][a-z]+)$")
# Trailing sign-offs of wire copy: "Sapa-AFP /np", "Sapa /kn/jje/jk", "Enditem", "dpa shg shs".
_DESK_CODES = re.compile(r"(?:\s*/\s*[a-z]{1,6})+\s*$")
_FUNCTION_WORDS = frozenset(
    "of to in at for with on by from and or the a an as into over against after before about between near".split()
)
_WIRE_SIGNOFF = re.compile(r"(?<=[.!?\"”’)])\s+[A-Za-z][A-Za-z\-/]{1,24}(?:\s*/\s*[a-z]{1,6})*\s*$")
_PINYIN = re.compile(
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ui|ao|ou|iu|ie|ue|er|an|en|in|un|ia|ua|uo|a|o|e|i|u|v)){2,}"
)
_END_MARK = re.compile(r"\s+(?:Enditem|End Item|-?Ends-?|ENDS|\(?End\)?)(?:\s*/\s*[A-Za-z]{1,6})*\s*$")
_CONTACTS = re.compile(
    r"\s+(?:#+\s*(?:Notebook|Notes? to editors|Editorial contacts|Background)|Editorial contacts)\b.*$",
    re.IGNORECASE | re.DOTALL,
)
_ON_THE_NET = re.compile(r"\s+On the (?:Net|Web|Internet)\s*:.*$", re.DOTALL)
_LEAD_NOTE = re.compile(
    r"^\((?:SUBS|ATTENTION|EMBARGOED|EDS|EDITORS|CORRECTS|CORRECTION|UPDATE|ADDS|REPEAT|RPT|NEDS)\b[^)]{0,300}\)\s*"
)
_PHOTO_NOTE = re.compile(r"\s*\((?:[A-Z][A-Za-z]{1,8}\s+)?Photos?\b[^)]{0,60}\)")
_WORD_SLUG = re.compile(r"^(?P<slug>[A-Z]{4,})\s*:\s+(?=[A-Z])")
_SLUG = re.compile(
    r"^(?:(?P<slug>[A-Z]{2,}(?:-[A-Z0-9]{2,})+)\s*:\s+|(?:\d(?:ST|ND|RD|TH)\s+)?(?:LEAD|WRITETHRU|ROUNDUP)\s+(?=[A-Z][a-z]|[A-Z]{2,}\s))"
)
_DESK_BYLINE = re.compile(
    r"(?:\b(?:[A-Z][A-Za-z]{1,12}\s+)?(?:Sports\s+|Political\s+|Staff\s+|Parliamentary\s+|Special\s+|Foreign\s+)?"
    r"(?:Reporter|Correspondent|Correspondents|Staff Writer|Writer|Staff))\s*$"
)
_PRESS_HEADER = re.compile(
    r"Issued by\s*:\s*(?P<issuer>.+?)\s+Attention\s*:\s*.+?\s+For immediate release\s*:\s*"
    r"(?P<date>\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+\s+\d{1,2},?\s+\d{4})\s+(?P<rest>.*)$",
    re.DOTALL,
)
_INLINE_BY = re.compile(r"(?:^|\s)(?:By\s+(?=\w)|by\s+(?=[A-Z]))")
_REPORTING_BY = re.compile(r"(?:Reporting|Writing|Written|Story) by\s*:?\s*(?P<name>[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,3})")
_TIMESTAMP = re.compile(r"^(?:published|posted|updated|last updated|date)\b\s*:?\s*(?:on\s+)?(?P<date>.+)$", re.IGNORECASE)


def word_count(line: str) -> int:
    """Words in a line; in unspaced scripts, half its characters of that script."""
    return max(len(line.split()), len(_UNSPACED.findall(line)) // 2)
