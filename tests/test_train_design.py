"""The second decision design (a one-hidden-layer network) and the recall-keeping threshold choice."""

from __future__ import annotations

import math

import pytest

from tidings.events import decide as D


def _mlp_dict(classes=("NONE", "COERCE")) -> dict:
    return {"kind": "mlp", "classes": list(classes), "hidden": {"a": [1.0, -2.0], "b": [-1.0, 3.0]},
            "hidden_bias": [0.5, 0.0], "out": [[0.0, 2.0], [1.0, -1.0]], "out_bias": [0.1, -0.1]}


def test_network_scores_are_relu_then_softmax_of_the_file_weights():
    m = D.scorer(_mlp_dict())
    assert isinstance(m, D.MLP)
    for feats in ([], ["a"], ["b"], ["a", "b"], ["a", "unknown"]):
        h = [0.5, 0.0]
        for f in feats:
            for k, v in enumerate(_mlp_dict()["hidden"].get(f, [0.0, 0.0])):
                h[k] += v
        h = [max(0.0, v) for v in h]
        z = [0.1 + h[1] * 1.0, -0.1 + h[0] * 2.0 + h[1] * -1.0]
        e = [math.exp(v - max(z)) for v in z]
        assert m.scores(feats) == pytest.approx([v / sum(e) for v in e], abs=1e-12)
    binary = D.scorer({**_mlp_dict(("0", "1")), "out": [[2.0], [-1.0]], "out_bias": [0.2]})
    assert binary.scores(["a"]) == pytest.approx([1.0 / (1.0 + math.exp(-(0.2 + 1.5 * 2.0)))])


def test_a_model_file_with_a_network_decides_like_any_other():
    lin = {"classes": ["0", "1"], "weights": {}, "intercept": [0.0]}
    m = D.DecisionModel.from_dict({"name": "n", "event": _mlp_dict(), "arguments": {"source": lin}})
    assert isinstance(m.event, D.MLP) and isinstance(m.source, D.Linear) and m.target is None


def _xor_rows(n=400):
    rows = []
    for k in range(n):
        a, b = k % 2, (k // 2) % 2
        rows.append(([f"a={a}", f"b={b}", f"noise={k % 7}"], int(a != b), 1.0))
    return rows


def test_the_network_learns_what_no_weighted_sum_of_the_features_can():
    """Label = a xor b: a linear model can only say one half; the network separates the four cases."""
    from tidings.train.fit import fit_linear, fit_mlp, log_loss

    rows = _xor_rows()
    net, lin = fit_mlp(rows, alpha=1e-4, hidden=8, epochs=300), fit_linear(rows, 1.0)
    assert log_loss(lin, rows) > 0.6  # about log 2
    assert log_loss(net, rows) < 0.3
    m = D.scorer(net)
    for a in (0, 1):
        for b in (0, 1):
            assert (m.scores([f"a={a}", f"b={b}"])[0] > 0.5) == (a != b)  # binary: the probability of 1


def test_the_network_fit_is_deterministic():
    from tidings.train.fit import fit_mlp

    rows = _xor_rows(200)
    assert fit_mlp(rows, alpha=1e-3, hidden=4) == fit_mlp(rows, alpha=1e-3, hidden=4)
    assert fit_mlp([(["x"], 0, 1.0)] * 3, alpha=1e-3) is None  # one label: nothing to learn


def test_the_counting_threshold_keeps_the_worst_groups_recall():
    """Pooled recall is held at 0.5 and 0.55, but at 0.55 one held-out group falls below its rules'."""
    from tidings.train import pick_threshold

    rows = [{"threshold": 0.4, "precision": 0.70, "recall": 0.62, "worst_gap": 0.01},
            {"threshold": 0.5, "precision": 0.74, "recall": 0.60, "worst_gap": 0.002},
            {"threshold": 0.55, "precision": 0.77, "recall": 0.59, "worst_gap": -0.012},
            {"threshold": 0.6, "precision": 0.79, "recall": 0.55, "worst_gap": -0.04}]
    assert pick_threshold(rows, 0.57) == 0.5
    for r in rows:
        del r["worst_gap"]
    assert pick_threshold(rows, 0.57) == 0.55  # without the groups only the pooled recall is held


def test_threshold_rows_report_each_groups_gap_to_its_rules(monkeypatch):
    """Two groups whose recall falls with the threshold at different rates: the worst gap is the
    slower group's, and the pooled row is the figures of all pairs."""
    from tidings.train import folds, threshold_rows

    def fake_figures(pairs, th):
        # a pair is (group recall at 0, slope); recall of a group = its pairs' mean
        r = sum(a - s * th for a, s in pairs) / len(pairs)
        return {"counted_precision": 0.0, "recall": round(r, 3), "triple_f1": 0.0, "type_f1": 0.0,
                "counted_events": len(pairs), "source_country": 0.0, "target_country": 0.0}

    monkeypatch.setattr(folds, "figures", fake_figures)
    groups = [[(0.7, 0.2)] * 3, [(0.7, 0.4)] * 3]
    rows = threshold_rows(groups, [0.6, 0.6], thresholds=(0.1, 0.5))
    assert [r["worst_gap"] for r in rows] == [0.06, -0.1]
    assert [r["best_gap"] for r in rows] == [0.08, 0.0]
    assert rows[1]["recall"] == 0.55


def test_a_second_design_ships_only_when_it_beats_the_first_on_both_counts():
    from tidings.train import beats

    lin = {"precision": 0.734, "recall": 0.605, "triple_f1": 0.457}
    assert beats({"precision": 0.75, "recall": 0.60, "triple_f1": 0.46}, lin)
    assert not beats({"precision": 0.75, "recall": 0.60, "triple_f1": 0.45}, lin)  # surer but worse triples
    assert not beats({"precision": 0.72, "recall": 0.65, "triple_f1": 0.47}, lin)  # the precision is the aim
    assert not beats(lin, lin)
