"""`tidings evaluate`: matching rules, figures, report, CLI errors, and the development sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tidings.counting import threshold

from tidings import evaluate as ev
from tidings.evaluate_markdown import report_markdown
from tidings.records import ActorMention, Event

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def _ev(plover, cameo, src=None, tgt=None, modality="asserted", conf=0.8):
    actor = lambda c: ActorMention(text=c, start=0, end=len(c), country=c) if c else None  # noqa: E731
    return Event(
        article_id="", sentence="s", sentence_index=0, section="body", trigger_text="t", trigger_start=0,
        trigger_end=1, plover_type=plover, cameo_code=cameo, source=actor(src), target=actor(tgt),
        quad_class={"04": 1, "19": 4, "11": 3, "01": 0}[cameo[:2]], modality=modality, confidence=conf,
    )


@pytest.fixture()
def gold(tmp_path):
    lines = [
        {"id": "a", "text": "A", "events": [{"plover": "CONSULT", "source": ["SYR"], "target": ["KAZ"]}]},
        {"id": "b", "text": "B", "events": [{"plover": "ASSAULT", "quad": "Material Conflict", "source": ["ISR"]}]},
        {"id": "c", "text": "C", "events": [{"cameo": "111"}]},
        {"id": "d", "text": "D", "events": []},
    ]
    p = tmp_path / "gold.jsonl"
    p.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    return p


def fake_coder(items):
    canned = {
        "A": [_ev("CONSULT", "040", "SYR", "KAZ"), _ev("CONSULT", "040", "KAZ", "SYR")],  # reciprocal = one type
        "B": [_ev("ASSAULT", "190", "IRN", None, modality="negated"), _ev("CONSULT", "040", "ISR")],
        "C": [_ev("ACCUSE", "111")],
        # background (below whatever threshold the shipped model chose) + statement: not counted
        "D": [_ev("ASSAULT", "190", conf=round(max(threshold() - 0.1, 0.0), 2)), _ev("", "010")],
    }
    for it in items:
        yield canned[it.text]


def test_matching_and_figures(gold):
    rep = ev.evaluate(gold, coder=fake_coder)
    counts = rep.type_counts()
    assert counts["CONSULT"] == {"tp": 1, "fp": 1}
    assert counts["ASSAULT"]["fn"] == 1 and counts["ASSAULT"]["fp"] == 0
    assert counts["ACCUSE"]["tp"] == 1  # gold cameo 111 → ACCUSE
    p, r, f = rep.micro()
    assert (round(p, 3), round(r, 3)) == (round(2 / 3, 3), round(2 / 3, 3))
    qa, qn = rep.quad_accuracy()
    assert qn == 2 and qa == pytest.approx(1 / 2)  # quad only where gold gives quad/cameo; B's main is the CONSULT
    ra, rn = rep.root_accuracy()
    assert (ra, rn) == (1.0, 1)
    sa, sn = rep.country_accuracy("source")
    assert (sa, sn) == (1.0, 1)  # B's ASSAULT was not found, so only A is scored
    md = report_markdown(rep)
    for heading in ("PLOVER type micro F1", "## Per PLOVER type", "## Confusion", "## Misses"):
        assert heading in md
    assert "`b`" in md and "`a`" not in md.split("## Misses")[1].split("## Triple misses")[0]
    # triples: a's SYR→KAZ matches, its KAZ→SYR partner is an extra; b's ISR→- CONSULT is not the ASSAULT
    assert "## Triple misses" in md and "`a`" in md.split("## Triple misses")[1]


def test_a_failing_line_is_recorded_not_fatal(gold):
    def coder(items):
        for i, _ in enumerate(items):
            yield RuntimeError("stage broke") if i == 0 else []

    rep = ev.evaluate(gold, coder=coder)
    assert len(rep.lines) == 4 and rep.errors == [("a", "RuntimeError: stage broke")]
    assert "failed to code" in report_markdown(rep)


def test_bad_gold_is_reported(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"id": 1}\n', encoding="utf-8")
    with pytest.raises(ev.GoldFormatError):
        ev.read_gold(p)


def test_cli_errors_are_clean(tmp_path):
    from typer.testing import CliRunner

    from tidings.cli import app

    runner = CliRunner()
    res = runner.invoke(app, ["evaluate", str(tmp_path / "missing.jsonl")])
    assert res.exit_code == 2 and "no such file" in res.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    res = runner.invoke(app, ["evaluate", str(bad)])
    assert res.exit_code == 2 and "not JSON" in res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)


def test_cli_runs_and_writes_report(tmp_path):
    from typer.testing import CliRunner

    from tidings.cli import app

    gold = tmp_path / "g.jsonl"
    gold.write_text(
        json.dumps({"id": "x", "text": "Iran attacked Iraq on Monday.", "events": [{"plover": "ASSAULT", "cameo": "190"}]}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.md"
    res = CliRunner().invoke(app, ["evaluate", str(gold), "--report", str(out), "--json"])
    assert res.exit_code == 0, res.output
    figures = json.loads(res.stdout[res.stdout.index("{"):res.stdout.rindex("}") + 1])
    assert figures["g.jsonl"]["plover_micro_f1"] == 1.0
    assert out.read_text(encoding="utf-8").startswith("# Event coding evaluation")


@pytest.mark.shared
@pytest.mark.skipif(not (SHARED / "gold").exists(), reason="needs ../shared")
@pytest.mark.parametrize(
    "name,measure,floor",
    [
        ("dev_plover_gsr.jsonl", "plover_micro_f1", 0.72),
        ("dev_conflibert_train.jsonl", "quad_accuracy", 0.65),
        ("dev_cameo_codebook_examples.jsonl", "cameo_root_accuracy", 0.70),
    ],
)
def test_development_sets(name, measure, floor):
    rep = ev.evaluate(SHARED / "gold" / name, coder=ev.local_coder)
    assert ev.summary(rep)[measure] >= floor


def _line(events, gold_events):
    it = ev.GoldItem(id="x", text="t", events=gold_events)
    return ev.LineResult(item=it, events=events, gold_types=set(), pred_types=set(), gold_quad=None, pred_quad=None,
                         gold_root=None, pred_root=None, main=None, counted=events)


def test_gold_codes_are_read_one_way():
    from tidings.actors import gold_codes as gc

    assert [gc.gold_country(c) for c in ("JAP", "IGO", "NGO", "USAGOV", "IGOUNO", "", "diplomatic", "GOV")] == [
        "JPN", "IGO", "IGO", "USA", "IGO", None, False, False,
    ]
    assert gc.gold_sector("CVLalb") == "CVL" and gc.gold_sector("MOS") == "REL" and gc.gold_sector("UNK") is None
    un = ActorMention(text="UN", start=0, end=2, code="IGOUNO", sector="IGO")
    assert gc.mention_country(un) == "IGO" and gc.mention_country(None) is None


def test_triples_follow_the_gold_conventions():
    # "IGO" and CAMEO aliases on the gold side; a word that is no code is no side
    gold = ev.gold_triples([{"plover": "AID", "source": ["IGO"], "target": ["JAP", "diplomatic"]}])
    assert gold == {("IGO", "JPN", "AID")}
    un = ActorMention(text="UN", start=0, end=2, code="IGOUNO", sector="IGO")
    e = _ev("AID", "040", None, "JPN")
    e.source = un
    g, p = ev.line_triples(_line([e], [{"plover": "AID", "source": ["IGO"], "target": ["JAP"]}]))
    assert p == g


def test_one_direction_of_a_reciprocal_event_names_both_participants():
    gold = [{"plover": "CONSULT", "source": ["USA", "RUS"], "target": []}]
    g, p = ev.line_triples(_line([_ev("CONSULT", "040", "USA", "RUS")], gold))
    assert p == g == {("USA", "-", "CONSULT"), ("RUS", "-", "CONSULT")}
    # an X→X pair is not a reciprocal event
    g, p = ev.line_triples(_line([_ev("CONSULT", "040", "USA", "USA")], gold))
    assert p == {("USA", "USA", "CONSULT")}
