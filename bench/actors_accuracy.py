"""Country and sector accuracy of stand-alone actor resolution (tidings.actors.resolve_text).

Reads ../shared (skips when absent):

* gold/actor_resolution_ngec.jsonl — NGEC's actor tests. Scored: rows whose method is
  ``agent_to_code`` (the string, expected ``country`` and ``code_1``/``code_2``),
  ``short_text_to_agent`` with a string, and ``search_nat`` (expected ``cc``). Wikipedia look-ups
  (``query_wiki``) are not about country/sector and are left out.
* gold/dev_plover_gsr.jsonl — every source/target actor string with its country and sector, scored
  twice: as a stand-alone string (``resolve_text``) and inside its own parsed sentence (``recognize``,
  the mention covering the gold span; strings that occur more than once in their sentence are left out).

Gold codes are mapped to ours before comparing, with the conventions of
``tidings.actors.gold_codes`` (shared with ``tidings evaluate``): international bodies (IGO, UNO,
EUR, NGO, ...) must come back with no country and an IGO/NGO-style code or sector; non-ISO CAMEO
country codes are mapped to ISO; rows whose country is not a code at all are skipped; sectors are
cut to three letters with CAMEO aliases mapped. NGEC's ``code_2`` is accepted as an alternative
to ``code_1``. An expected international body with no sector in the gold is not sector-scored.

Usage: python bench/actors_accuracy.py [--petrarch] [--errors N]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# a worktree sits beside the main checkout, not beside ../shared: TIDINGS_SHARED says where it is
SHARED = Path(os.environ.get("TIDINGS_SHARED") or ROOT.parent / "shared")
sys.path.insert(0, str(ROOT / "src"))

from tidings.actors.gold_codes import gold_country as _gold_country  # noqa: E402
from tidings.actors.gold_codes import gold_sector, iso3, mention_country  # noqa: E402


def _iso3() -> set[str]:
    return set(iso3())


def gold_country(code: str | None, iso: set[str] | None = None) -> str | None | bool:
    """ISO code, 'IGO' for an international body, None for no country, False = not scorable."""
    return _gold_country(code)


def ours(m) -> tuple[str | None, str | None]:
    if m is None:
        return None, None
    return mention_country(m), m.sector


def ngec_items(iso):
    for line in open(SHARED / "gold" / "actor_resolution_ngec.jsonl", encoding="utf-8"):
        r = json.loads(line)
        args, exp = r.get("args") or [], r.get("expect") or {}
        if not args or not isinstance(args[0], str):
            continue
        method = r.get("method")
        if method == "search_nat":
            yield r["test"], args[0], gold_country(exp.get("cc"), iso), False, set()
        elif method in ("agent_to_code", "short_text_to_agent"):
            c = gold_country(exp["country"], iso) if "country" in exp else False
            alts = set()
            if "code_1" in exp:
                s = gold_sector(exp.get("code_1"))
                if s is not False:
                    alts.add(s)
                    s2 = gold_sector(exp.get("code_2")) if exp.get("code_2") else False
                    if s2 not in (False, None):
                        alts.add(s2)
            sector = True if alts else False
            if c == "IGO" and not alts:
                sector = False
            yield r["test"], args[0], c, sector, alts


def gsr_items(iso):
    for line in open(SHARED / "gold" / "dev_plover_gsr.jsonl", encoding="utf-8"):
        r = json.loads(line)
        for ev in r.get("events", []):
            for side in ("source", "target"):
                texts = ev.get(f"{side}_text") or []
                codes = ev.get(side) or []
                secs = ev.get(f"{side}_sector") or []
                for i, text in enumerate(texts):
                    c = gold_country(codes[i], iso) if i < len(codes) else False
                    s = gold_sector(secs[i]) if i < len(secs) else False
                    alts = {s} if s is not False else set()
                    if c == "IGO" and s is None:
                        s = False
                    yield r["id"], text, c, s is not False, alts


def gsr_in_context(iso):
    """The GSR actors coded inside their own sentence (recognize on the parsed text), not as strings.

    Yields (id, text, actor text, start, end, gold country, sector scored, sector alternatives) for
    every actor string found once in its sentence."""
    for line in open(SHARED / "gold" / "dev_plover_gsr.jsonl", encoding="utf-8"):
        r = json.loads(line)
        text = r.get("text") or ""
        for ev in r.get("events", []):
            for side in ("source", "target"):
                texts = ev.get(f"{side}_text") or []
                codes = ev.get(side) or []
                secs = ev.get(f"{side}_sector") or []
                for i, atext in enumerate(texts):
                    if not atext or text.count(atext) != 1:
                        continue
                    start = text.index(atext)
                    c = gold_country(codes[i], iso) if i < len(codes) else False
                    s = gold_sector(secs[i]) if i < len(secs) else False
                    alts = {s} if s is not False else set()
                    if c == "IGO" and s is None:
                        s = False
                    yield r["id"], text, atext, start, start + len(atext), c, s is not False, alts


def score_in_context(items, show: int = 0):
    """Country and sector of the mention that covers each gold actor span, in its parsed sentence."""
    from tidings.actors import actor_for_span, recognize
    from tidings.nlp import load_nlp

    nlp = load_nlp()
    parsed: dict[str, list] = {}
    n_c = ok_c = n_s = ok_s = 0
    errors = []
    for tid, text, atext, start, end, gc, score_sector, alts in items:
        if tid not in parsed:
            parsed[tid] = recognize(nlp(text))
        m = actor_for_span(parsed[tid], start, end)
        oc, os_ = ours(m)
        if gc is not False:
            n_c += 1
            if oc == gc:
                ok_c += 1
            else:
                errors.append(("country", tid, atext, gc, oc))
        if score_sector:
            n_s += 1
            if os_ in alts:
                ok_s += 1
            else:
                errors.append(("sector", tid, atext, sorted(map(str, alts)), os_))
    for e in errors[:show]:
        print(f"  gsr-ctx {e[0]:7} {e[1]:28.28} {e[2]!r:60.60} gold={e[3]} ours={e[4]}")
    return {"country_n": n_c, "country_acc": ok_c / n_c if n_c else 0.0,
            "sector_n": n_s, "sector_acc": ok_s / n_s if n_s else 0.0}


def score(items, resolve, show: int = 0, label: str = ""):
    n_c = ok_c = n_s = ok_s = 0
    errors = []
    for tid, text, gc, score_sector, alts in items:
        m = resolve(text)
        oc, os_ = ours(m)
        if gc is not False:
            n_c += 1
            if oc == gc:
                ok_c += 1
            else:
                errors.append(("country", tid, text, gc, oc))
        if score_sector:
            n_s += 1
            if os_ in alts:
                ok_s += 1
            else:
                errors.append(("sector", tid, text, sorted(map(str, alts)), os_))
    if show:
        for e in errors[:show]:
            print(f"  {label} {e[0]:7} {e[1]:28.28} {e[2]!r:60.60} gold={e[3]} ours={e[4]}")
    return {"country_n": n_c, "country_acc": ok_c / n_c if n_c else 0.0,
            "sector_n": n_s, "sector_acc": ok_s / n_s if n_s else 0.0}


# Pronoun cases written for this project (not from any gold set): text, the pronoun phrase, and what it
# must resolve to. Measures the rule-based within-story resolution.
PRONOUN_CASES = [
    {"text": "French President Emmanuel Macron met German Chancellor Olaf Scholz in Paris. He said Europe must stay united.", "pronoun": "He", "nth": 0, "name": "Emmanuel Macron", "country": "FRA"},
    {"text": "Kenyan President William Ruto arrived in Addis Ababa on Monday. He was received by Ethiopian officials.", "pronoun": "He", "nth": 0, "name": "William Ruto", "country": "KEN"},
    {"text": "Turkish Foreign Minister Hakan Fidan called his Iranian counterpart on Sunday.", "pronoun": "his", "nth": 0, "name": "Hakan Fidan", "country": "TUR"},
    {"text": "In her speech, Prime Minister Giorgia Meloni defended the migration deal.", "pronoun": "her", "nth": 0, "name": "Giorgia Meloni", "country": "ITA"},
    {"text": "The Egyptian foreign minister Sameh Shoukry met the UN envoy. Shoukry told him that Cairo rejects the plan.", "pronoun": "him", "nth": 0, "name": None, "country": None, "code_prefix": "IGO"},
    {"text": "Japanese Prime Minister Fumio Kishida visited Seoul. During the visit, he laid a wreath.", "pronoun": "he", "nth": 0, "name": "Fumio Kishida", "country": "JPN"},
    {"text": "Indonesian President Joko Widodo said his country would not take sides.", "pronoun": "his country", "nth": 0, "name": None, "country": "IDN"},
    {"text": "The Nigerian army said it had killed dozens of militants in Borno.", "pronoun": "it", "nth": 0, "name": None, "country": "NGA"},
    {"text": "Brazilian President Luiz Inacio Lula da Silva spoke with Argentine President Javier Milei. Lula said he hoped for closer trade.", "pronoun": "he", "nth": 0, "name": "Luiz Inácio Lula da Silva", "country": "BRA"},
    {"text": "Russian Foreign Minister Sergei Lavrov accused Washington of escalating the conflict. He said Moscow would respond.", "pronoun": "He", "nth": 0, "name": "Sergei Lavrov", "country": "RUS"},
    {"text": "Pakistani police arrested three men in Karachi. They were charged with smuggling.", "pronoun": "They", "nth": 0, "name": None, "country": "PAK"},
    {"text": "The Syrian Foreign Minister Faisal Mekdad received the Omani ambassador. He praised Oman's position.", "pronoun": "He", "nth": 0, "name": "Faisal Mekdad", "country": "SYR"},
    {"text": "The Omani ambassador Salim al-Harthi met Syrian Foreign Minister Faisal Mekdad. The ambassador conveyed a message from his government.", "pronoun": "his government", "nth": 0, "name": None, "country": "OMN"},
    {"text": "Iraqi Prime Minister Mohammed Shia al-Sudani said his government would hold talks with Ankara.", "pronoun": "his government", "nth": 0, "name": None, "country": "IRQ"},
    {"text": "Chinese Foreign Minister Wang Yi met his Russian counterpart Sergei Lavrov in Beijing. Wang said China was ready to deepen ties.", "pronoun": "his", "nth": 0, "name": "Wang Yi", "country": "CHN"},
    {"text": "Israeli Prime Minister Benjamin Netanyahu spoke to US President Joe Biden on Tuesday. Netanyahu told him Israel would act.", "pronoun": "him", "nth": 0, "name": "Joe Biden", "country": "USA"},
    {"text": "The Kenyan foreign ministry summoned the Ugandan envoy. It said the remarks were unacceptable.", "pronoun": "It", "nth": 0, "name": None, "country": "KEN"},
    {"text": "Ukrainian President Volodymyr Zelensky visited troops near Bakhmut. He thanked them for their courage.", "pronoun": "He", "nth": 0, "name": "Volodymyr Zelensky", "country": "UKR"},
    {"text": "South African President Cyril Ramaphosa met opposition leaders. After the meeting, he called for calm.", "pronoun": "he", "nth": 0, "name": "Cyril Ramaphosa", "country": "ZAF"},
    {"text": "The Mexican government said on Friday that it would send troops to the border.", "pronoun": "it", "nth": 0, "name": None, "country": "MEX"},
    {"text": "German Foreign Minister Annalena Baerbock arrived in Kyiv. She promised more air defence systems.", "pronoun": "She", "nth": 0, "name": "Annalena Baerbock", "country": "DEU"},
    {"text": "Iranian protesters gathered outside the embassy. They chanted slogans against the government.", "pronoun": "They", "nth": 0, "name": None, "country": "IRN"},
    {"text": "Saudi Crown Prince Mohammed bin Salman received Qatar's emir in Riyadh. He welcomed the guest at the airport.", "pronoun": "He", "nth": 0, "name": "Mohammed bin Salman", "country": "SAU"},
    {"text": "Spokesman Dmitry Peskov said the Kremlin had no comment. He declined to answer further questions.", "pronoun": "He", "nth": 0, "name": "Dmitry Peskov", "country": "RUS"},
    {"text": "Polish President Andrzej Duda said his country would increase defence spending.", "pronoun": "his country", "nth": 0, "name": None, "country": "POL"},
]


def pronoun_accuracy(show: bool = False) -> tuple[int, int]:
    from tidings.actors import recognize
    from tidings.nlp import load_nlp

    nlp = load_nlp()
    ok = 0
    for case in PRONOUN_CASES:
        text, phrase = case["text"], case["pronoun"]
        hits = [x.start() for x in re.finditer(r"\b" + re.escape(phrase) + r"\b", text)]
        start = hits[case.get("nth", 0)]
        ms = [m for m in recognize(nlp(text)) if m.start == start]
        m = ms[0] if ms else None
        good = m is not None and m.resolved_from == "pronoun" and m.country == case["country"]
        if good and case.get("name"):
            good = m.name == case["name"]
        if good and case.get("code_prefix"):
            good = (m.code or "").startswith(case["code_prefix"])
        ok += good
        if show and not good:
            got = (m.name, m.country, m.code) if m else None
            print(f"  pronoun {phrase!r} in {text[:70]!r}: want {case.get('name')}/{case['country']}, got {got}")
    return ok, len(PRONOUN_CASES)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--petrarch", action="store_true", help="also load ../shared/dictionaries/petrarch2")
    ap.add_argument("--errors", type=int, default=0, help="print the first N errors of each set")
    ap.add_argument("--no-persons", action="store_true",
                    help="leave out the built-in table of well-known people (to see what the rules alone do)")
    args = ap.parse_args(argv)
    if args.no_persons:
        from tidings.actors import knowledge

        knowledge.load_people = lambda *a, **k: None
    ok, n = pronoun_accuracy(show=args.errors > 0)
    print(f"pronoun resolution (own {n} cases): {ok}/{n} = {ok / n:.0%}")
    if not SHARED.exists():
        print("../shared not found: gold sets skipped")
        return 0
    from tidings.actors import configure, resolve_text


    iso = _iso3()
    runs = [("built-in tables", ())]
    if args.petrarch:
        runs.append(("+ PETRARCH/Phoenix", (str(SHARED / "dictionaries" / "petrarch2"),)))
    for label, paths in runs:
        configure(petrarch_paths=paths)
        ng = score(list(ngec_items(iso)), resolve_text, args.errors, "ngec")
        gs = score(list(gsr_items(iso)), resolve_text, args.errors, "gsr")
        print(f"{label}:")
        print(f"  NGEC actor tests : country {ng['country_acc']:.1%} (n={ng['country_n']}), "
              f"sector {ng['sector_acc']:.1%} (n={ng['sector_n']})")
        print(f"  PLOVER GSR actors: country {gs['country_acc']:.1%} (n={gs['country_n']}), "
              f"sector {gs['sector_acc']:.1%} (n={gs['sector_n']})")
        cx = score_in_context(list(gsr_in_context(iso)), args.errors)
        print(f"  PLOVER GSR actors in their sentence: country {cx['country_acc']:.1%} (n={cx['country_n']}), "
              f"sector {cx['sector_acc']:.1%} (n={cx['sector_n']})")
    configure()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
