"""The PLOVER/CAMEO tables: complete, consistent, and the lexicon covers every PLOVER type."""

from __future__ import annotations

import pytest

from tidings import ontology


def test_sixteen_plover_types_with_quads():
    types = ontology.plover_types()
    assert len(types) == 16
    assert {t.quad_class for t in types.values()} == {1, 2, 3, 4}
    assert types["CONSULT"].quad_class == 1 and "visit" in types["CONSULT"].modes
    assert types["ASSAULT"].quad_class == 4 and types["ASSAULT"].cameo_roots == ("18", "19", "20")


def test_every_cameo_code_has_score_quad_and_type():
    codes = ontology.cameo_codes()
    assert len(codes) >= 300
    types = ontology.plover_types()
    for code, rec in codes.items():
        assert -10 <= rec.goldstein <= 10
        assert rec.quad_class == ontology.root_quad(code)
        assert rec.name
        if code[:2] in ("01",):
            assert rec.plover_type == ""  # PLOVER drops CAMEO 01 statements
        else:
            assert rec.plover_type in types, code


@pytest.mark.parametrize(
    "code,plover,mode,goldstein,quad",
    [
        ("043", "CONSULT", "visit", 2.8, 1),
        ("051", "SUPPORT", None, 3.4, 1),
        ("0874", "RETREAT", "disarm", 10.0, 2),
        ("0841", "RETREAT", "release", 7.0, 2),
        ("010", "", None, 0.0, 0),
        ("020", "REQUEST", None, 3.0, 0),
        ("1123", "ACCUSE", "allege", -2.0, 3),
        ("163", "SANCTION", "discontinue", -8.0, 3),  # the manual codes imposed sanctions as SANCTION/discontinue; root 16 is verbal conflict
        ("195", "ASSAULT", "heavy-weapons", -10.0, 4),
    ],
)
def test_known_codes(code, plover, mode, goldstein, quad):
    rec = ontology.lookup(code)
    assert (rec.plover_type, rec.plover_mode, rec.goldstein, rec.quad_class) == (plover, mode, goldstein, quad)


def test_lookup_falls_back_to_parent_and_normalises():
    assert ontology.lookup("0419").code == "041"  # no such 4-digit code: its parent
    assert ontology.normalise_code("43") == "043"
    assert ontology.normalise_code(" 0874 ") == "0874"
    assert ontology.normalise_code("abc") is None and ontology.normalise_code(None) is None
    with pytest.raises(KeyError):
        ontology.lookup("99")


def test_lexicon_covers_every_plover_type_and_root():
    from tidings.events.lexicon import lexicon

    lex = lexicon()
    codes = {c for c in lex.codes() if ontology.is_code(c) or ontology.is_code(c[:3])}
    assert codes == lex.codes(), "every lexicon code exists in the ontology"
    types = {ontology.lookup(c).plover_type for c in codes}
    assert set(ontology.plover_types()) <= types
    assert {c[:2] for c in codes} >= {f"{i:02d}" for i in range(1, 21)}
    assert lex.n_entries() >= 400
    for (cls, comp), code in lex.complements.items():
        assert ontology.is_code(code), (cls, comp, code)
