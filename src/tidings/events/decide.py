"""Rules propose, a model decides.

For each event the rules propose, a model over parse and context features
(:mod:`tidings.events.features`: linear weights, or a one-hidden-layer network when ``tidings train``
found it better out of fold; :func:`scorer` reads either from the file) gives the probability that
it is a codable event of each PLOVER type; that probability becomes the event's ``model_score`` and
``confidence``, and an event whose rule type the model finds far less likely than another is
retyped. A second pair of linear models scores each actor mention of the sentence as the event's
source or target, and replaces the rule's choice when another mention is clearly better, or fills a
side the rules left empty when one mention is likely enough. Weights ship in
``data/models/event_model.json``, written by ``tidings train`` (:mod:`tidings.train`); the counting
and fill thresholds, chosen out of fold, are stored beside them.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .. import ontology
from ..parsed import char_span
from ..records import ActorMention, Event
from .features import argument_features, candidate_features, story_features

RETYPE_MARGIN = 0.25  # the model's type must beat the rule's by this much before it overrides the rule
ARG_MIN = 0.5  # an argument the model prefers must be at least this likely ...
ARG_MARGIN = 0.15  # ... and this much likelier than the rule's choice
# A slot the rules left empty is filled with the sentence's likeliest mention when the model, trained
# also on the sides gold leaves empty (``role:rule_empty``), finds it at least this likely; ``tidings
# train`` chooses the value on the dev articles and stores it with the weights (this is the default).
ARG_FILL = 0.5


def _softmax(z: list[float]) -> list[float]:
    m = max(z)
    e = [math.exp(v - m) for v in z]
    s = sum(e)
    return [v / s for v in e]


@dataclass
class Linear:
    classes: list[str]
    weights: dict[str, list[float]]
    intercept: list[float]
    _matrix: Any = field(default=None, init=False, repr=False, compare=False)
    _row_of: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    _uniform: bool = field(default=False, init=False, repr=False, compare=False)

    def scores(self, feats: list[str]) -> list[float]:
        if len(self.intercept) == 1:  # binary (the argument models): one sum, the same additions in the same order
            z0 = self.intercept[0]
            get = self.weights.get
            for f in feats:
                w = get(f)
                if w is not None:
                    for v in w:
                        z0 += v
            return [1.0 / (1.0 + math.exp(-z0))]
        z = self._summed(feats)
        if z is not None:
            return _softmax(z)
        z = list(self.intercept)
        n = len(z)
        for f in feats:
            w = self.weights.get(f)
            if w is None:
                continue
            if len(w) == n:  # the same sums in the same order as the loop below, in one pass
                z = [a + b for a, b in zip(z, w)]
            else:
                for k, v in enumerate(w):
                    z[k] += v
        return _softmax(z)

    def _summed(self, feats: list[str]) -> list[float] | None:
        """The logits as one running sum over the intercept and the features' weight rows (numpy's
        ``cumsum`` adds row after row, the same additions in the same order as the loop);
        None when some weight row is not one number a class."""
        if self._matrix is None:
            import numpy as np

            n = len(self.intercept)
            rows = {f: w for f, w in self.weights.items() if len(w) == n}
            self._uniform = len(rows) == len(self.weights)
            self._row_of = {f: k + 1 for k, f in enumerate(rows)}
            self._matrix = np.array([self.intercept, *rows.values()], dtype=np.float64).reshape(len(rows) + 1, n)
        if not self._uniform:
            return None
        row_of = self._row_of
        picked = [0] + [r for r in map(row_of.get, feats) if r is not None]
        if len(picked) == 1:
            return list(self.intercept)
        return self._matrix[picked].cumsum(axis=0)[-1].tolist()

    @classmethod
    def from_dict(cls, d: dict) -> "Linear":
        return cls(classes=list(d["classes"]), weights=d["weights"], intercept=list(d["intercept"]))


@dataclass
class MLP:
    """A one-hidden-layer network over the same one-hot features: each present feature adds its row
    of input weights to the hidden layer, then ReLU, then a linear softmax layer. Unlike the linear
    model it can weigh a feature differently in the company of others (a lemma in quotes, a rule on
    a sports page) without a hand-made conjunction."""

    classes: list[str]
    hidden: dict[str, list[float]]  # feature -> its input weights, one a hidden unit
    hidden_bias: list[float]
    out: list[list[float]]  # hidden unit -> its weight for each class
    out_bias: list[float]
    _rows: Any = field(default=None, init=False, repr=False, compare=False)
    _row_of: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    _out: Any = field(default=None, init=False, repr=False, compare=False)
    _out_bias: Any = field(default=None, init=False, repr=False, compare=False)

    def scores(self, feats: list[str]) -> list[float]:
        import numpy as np

        if self._rows is None:
            self._row_of = {f: k + 1 for k, f in enumerate(self.hidden)}
            self._rows = np.array([self.hidden_bias, *self.hidden.values()], dtype=np.float64)
            self._out = np.array(self.out, dtype=np.float64).reshape(len(self.hidden_bias), -1)
            self._out_bias = np.array(self.out_bias, dtype=np.float64)
        row_of = self._row_of
        picked = [0] + [r for r in map(row_of.get, feats) if r is not None]
        h = np.maximum(self._rows[picked].sum(axis=0), 0.0)
        z = (h @ self._out + self._out_bias).tolist()
        if len(z) == 1:  # binary: the probability of the second class
            return [1.0 / (1.0 + math.exp(-z[0]))]
        return _softmax(z)

    @classmethod
    def from_dict(cls, d: dict) -> "MLP":
        return cls(classes=list(d["classes"]), hidden=d["hidden"], hidden_bias=list(d["hidden_bias"]),
                   out=[list(r) for r in d["out"]], out_bias=list(d["out_bias"]))


def scorer(d: dict) -> "Linear | MLP":
    """The scorer a model file's part describes: ``"kind": "mlp"`` or (the default) linear weights."""
    return MLP.from_dict(d) if d.get("kind") == "mlp" else Linear.from_dict(d)


@dataclass
class DecisionModel:
    event: Linear | MLP
    source: Linear | MLP | None
    target: Linear | MLP | None
    count_threshold: float
    name: str
    fill_threshold: float = ARG_FILL

    @classmethod
    def from_dict(cls, d: dict) -> "DecisionModel":
        args = d.get("arguments") or {}
        return cls(
            event=scorer(d["event"]),
            source=scorer(args["source"]) if "source" in args else None,
            target=scorer(args["target"]) if "target" in args else None,
            count_threshold=float(d.get("count_threshold", 0.6)),
            name=d.get("name", "tidings-linear"),
            fill_threshold=float(d.get("fill_threshold", ARG_FILL)),
        )


MODEL_FILE = "event_model.json"


def model_path() -> Path | None:
    p = resources.files("tidings") / "data" / "models" / MODEL_FILE
    return Path(str(p)) if p.is_file() else None


@lru_cache(maxsize=1)
def load_model() -> DecisionModel | None:
    """The shipped model, loaded once per process; None when the package has none (rules only)."""
    p = model_path()
    if p is None:
        return None
    with open(p, encoding="utf-8") as fh:
        return DecisionModel.from_dict(json.load(fh))


def rules_only() -> bool:
    # Set by ``tidings code --rules-only``; the environment reaches worker processes and Spark tasks.
    return os.environ.get("TIDINGS_RULES_ONLY", "") not in ("", "0")


@lru_cache(maxsize=1)
def default_codes() -> dict[str, str]:
    text = (resources.files("tidings") / "data" / "events" / "type_default_cameo.tsv").read_text("utf-8")
    rows = [ln.split("\t") for ln in text.splitlines() if ln and not ln.startswith("#")]
    return {t: c.strip() for t, c in rows[1:]}


def _retype(ev: Event, new_type: str) -> Event:
    code = default_codes()[new_type]
    rec = ontology.lookup(code)
    return dataclasses.replace(
        ev, plover_type=new_type, cameo_code=code, goldstein=rec.goldstein, quad_class=rec.quad_class,
        plover_mode=None, plover_context=[], rule=f"{ev.rule} +model:{ev.plover_type}→{new_type}",
    )


def sentence_actors(ev: Event, doc, actors: list[ActorMention]) -> list[ActorMention]:
    tok_span = char_span(doc, ev.trigger_start, ev.trigger_end)
    if tok_span is None:
        return []
    sent = tok_span.sent
    return [a for a in actors if a.section == ev.section and sent.start_char <= a.start < sent.end_char
            and a.kind != "place" and not (a.start < ev.trigger_end and ev.trigger_start < a.end)]


def best_argument(ev: Event, role: str, model: Linear, doc, cands: list[ActorMention]) -> tuple[float, ActorMention] | None:
    """The mention of the sentence the argument model likes best for ``role``, with its probability
    (never the mention holding the other side)."""
    other = ev.target if role == "source" else ev.source
    scored = []
    for m in cands:
        if other is not None and (m.start, m.end) == (other.start, other.end):
            continue
        scored.append((model.scores(argument_features(ev, m, role, doc))[0], m))
    if not scored:
        return None
    return max(scored, key=lambda x: (x[0], -x[1].start))


def _choose(ev: Event, role: str, model: Linear, doc, cands: list[ActorMention], fill: float = ARG_FILL) -> Event:
    current = getattr(ev, role)
    found = best_argument(ev, role, model, doc, cands)
    if found is None:
        return ev
    p_best, best = found
    if current is None:
        if p_best >= fill:
            return dataclasses.replace(ev, **{role: best, "rule": f"{ev.rule} +model:{role}"})
        return ev
    p_cur = model.scores(argument_features(ev, current, role, doc))[0]
    if (best.start, best.end) == (current.start, current.end):
        return ev
    if p_best >= ARG_MIN and p_best > p_cur + ARG_MARGIN:
        return dataclasses.replace(ev, **{role: best, "rule": f"{ev.rule} +model:{role}"})
    return ev


def decide(events: list[Event], doc, actors: list[ActorMention], model: DecisionModel | None = None) -> list[Event]:
    """Scores, retypes and re-argues the proposed events of one parsed section."""
    model = model or load_model()
    if model is None or rules_only():
        return events
    classes = model.event.classes
    n_actors = len(actors)
    story = story_features(actors)
    out = []
    for ev in events:
        if not ev.plover_type:  # plain statements (CAMEO 01) are kept as the rules coded them
            out.append(ev)
            continue
        probs = dict(zip(classes, model.event.scores(candidate_features(ev, doc, n_actors, story))))
        best = max((c for c in classes if c != "NONE"), key=lambda c: probs[c])
        if best != ev.plover_type and probs[best] > probs.get(ev.plover_type, 0.0) + RETYPE_MARGIN:
            ev = _retype(ev, best)
        score = round(probs.get(ev.plover_type, 0.0), 4)
        ev = dataclasses.replace(ev, model_score=score, confidence=score)
        if model.source is not None or model.target is not None:
            cands = sentence_actors(ev, doc, actors)
            for role, m in (("source", model.source), ("target", model.target)):
                if m is not None:
                    ev = _choose(ev, role, m, doc, cands, model.fill_threshold)
        out.append(ev)
    return out
