"""The time-aware people table: format, loader, the office held at a date, user files."""

from __future__ import annotations

import datetime as dt

import pytest

from tidings.actors import configure, resolve_text
from tidings.actors.people import COLUMNS, build, parse_date, people, person_at, read_rows


@pytest.fixture(autouse=True)
def _builtin_tables():
    configure()
    yield
    configure()


def _code(text: str, when=None) -> str | None:
    m = resolve_text(text, when=when)
    return m.code if m is not None else None


def test_trump_before_during_between_and_after_his_terms():
    assert _code("Donald Trump", "2015-06-16") == "USA"  # a candidate, not the government
    assert _code("Donald Trump", "2018-03-01") == "USAGOV"
    assert _code("Trump", "2022-05-01") == "USAELI"  # between the terms: a former president
    assert _code("Trump", "2025-06-01") == "USAGOV"
    assert _code("Trump", "2017-01-19") == "USA"  # the day before the first inauguration


def test_obama_after_office_keeps_his_country_not_the_office():
    m = resolve_text("Barack Obama", when="2018-01-01")
    assert m.country == "USA" and m.sector != "GOV"
    assert resolve_text("Barack Obama", when="2012-01-01").code == "USAGOV"


def test_undated_takes_the_latest_role():
    assert _code("Donald Trump") == "USAGOV"
    assert _code("Barack Obama") == "USAGOV"


def test_a_shared_surname_is_the_person_in_office_then():
    assert resolve_text("Bush", when="1991-02-01").name == "George H. W. Bush"
    assert resolve_text("Bush", when="2003-03-20").name == "George W. Bush"


def test_role_changes_of_one_person_follow_the_date():
    putin = person_at("Vladimir Putin", "2010-06-01")
    assert putin is not None and putin.role == "prime minister" and putin.sector == "GOV"
    assert person_at("Putin", "2015-01-01").role == "president"


def test_every_row_of_the_table_is_well_formed():
    table = people()
    assert len(table) >= 390  # at least the people of the former persons.tsv
    for p in table.values():
        assert p.tenures, p.name
        for t in p.tenures:
            assert t.country is None or len(t.country) == 3, p.name
            assert t.start is None or t.end is None or t.start <= t.end, p.name
            # an IGO official serves no state; a state's official names none
            assert not (t.country and t.org), p.name


def test_no_bare_common_surname_is_an_alias():
    common = {"kim", "khan", "singh", "lee", "li", "wang", "zhang", "park", "ali", "ahmed", "mohammed", "smith",
              "nguyen", "chen", "hussein", "hassan"}
    for p in people().values():
        for a in p.aliases:
            assert a.lower() not in common, (p.name, a)


def test_dates_and_rows():
    assert parse_date("2017") == dt.date(2017, 1, 1)
    assert parse_date("2017", end=True) == dt.date(2017, 12, 31)
    assert parse_date("2016-02", end=True) == dt.date(2016, 2, 29)
    assert parse_date("") is None
    with pytest.raises(ValueError):
        parse_date("20 Jan 2017")
    rows = read_rows("\t".join(COLUMNS) + "\n# a comment\nAna Test\tTest\tPRT\tGOV\tprime minister\t2001\t2004\t\n"
                     "Ana Test\t\t\tIGO\tsecretary-general\t2010\t\tUNO\n")
    table = build(rows)
    ana = table["Ana Test"]
    assert ana.aliases == ("Ana Test", "Test")
    assert ana.at(dt.date(2002, 5, 1)).code == "PRTGOV"
    assert ana.at(dt.date(2012, 5, 1)).code == "IGOUNO"
    assert ana.at(dt.date(2006, 5, 1)).sector == "ELI"  # between offices: a former prime minister
    assert ana.at(None).code == "IGOUNO"


def test_a_user_file_in_the_people_format(tmp_path):
    f = tmp_path / "mine.tsv"
    f.write_text("\t".join(COLUMNS) + "\nZorana Imaginary\tImaginary\tSRB\tGOV\tinterior minister\t2020\t2022\t\n",
                 encoding="utf-8")
    configure(actor_files=[str(f)])
    assert _code("Zorana Imaginary", "2021-01-01") == "SRBGOV"
    assert _code("Zorana Imaginary", "2024-01-01") == "SRBELI"


def test_a_malformed_user_date_is_a_clear_error(tmp_path):
    f = tmp_path / "bad.tsv"
    f.write_text("\t".join(COLUMNS) + "\nZorana Imaginary\t\tSRB\tGOV\tminister\tlast year\t\t\n", encoding="utf-8")
    with pytest.raises(ValueError, match="Zorana Imaginary"):
        configure(actor_files=[str(f)])


def test_the_actor_command_codes_people_by_date():
    from typer.testing import CliRunner

    from tidings.cli import app

    runner = CliRunner()
    before = runner.invoke(app, ["actor", "Donald Trump", "--date", "2015-06-16", "--json"])
    during = runner.invoke(app, ["actor", "Donald Trump", "--date", "2018-06-16", "--json"])
    assert before.exit_code == 0 and '"code": "USA"' in before.output
    assert during.exit_code == 0 and '"code": "USAGOV"' in during.output
    bad = runner.invoke(app, ["actor", "Donald Trump", "--date", "16/06/2015"])
    assert bad.exit_code == 2 and "not a date" in bad.output


def test_an_official_of_an_international_body_codes_as_the_body():
    assert _code("Jens Stoltenberg", "2016-05-01") == "IGONAT"  # NATO's, not Norway's
    assert _code("Jens Stoltenberg", "2008-05-01") == "NORGOV"  # then Norway's prime minister
    assert _code("Antonio Guterres", "2020-01-01") == "IGOUNO"
    assert _code("Tedros", "2021-01-01") == "IGOUNOMED"


def test_a_former_official_of_an_international_body_speaks_for_no_body():
    m = resolve_text("Kofi Annan", when="2012-01-01")
    assert m.country is None and not (m.code or "").startswith("IGO")
    assert resolve_text("Kofi Annan", when="2000-01-01").code == "IGOUNO"
    assert _code("Ban Ki-moon", "2019-01-01") == "KORELI"  # his state is the one he served before
