"""Cost of the event model's scoring a candidate: the linear design against the network design.

    python bench/decision_network_speed.py LINEAR.json NETWORK.json [--n 3000]

Each file is a model file of ``tidings train`` (``--out``) or any JSON whose ``event`` part is one
(a network of the shipped shape with random weights costs what a trained one costs). Each candidate is the feature list of a
proposal of the dev articles' kind, drawn from the linear file's own features (about 55 a
candidate, as ``events.features.candidate_features`` gives); both models score the same lists, on
one core, after one warm-up call (the weight matrices are built once per process, as in the coder).
"""

from __future__ import annotations

import argparse
import json
import random
import time

from tidings.events.decide import scorer


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("linear")
    ap.add_argument("network")
    ap.add_argument("--n", type=int, default=3000)
    a = ap.parse_args()
    parts = {name: json.load(open(p, encoding="utf-8"))["event"] for name, p in (("linear", a.linear), ("network", a.network))}
    rng = random.Random(0)
    names = sorted(parts["linear"]["weights"])
    cands = [rng.sample(names, 55) for _ in range(a.n)]
    cost = {}
    for name, d in parts.items():
        m = scorer(d)
        m.scores(cands[0])
        t = time.perf_counter()
        for f in cands:
            m.scores(f)
        cost[name] = (time.perf_counter() - t) / a.n * 1000
        size = len(json.dumps(d)) / 1e6
        print(f"{name}: {cost[name]:.4f} ms a candidate, event part {size:.1f} MB")
    print(f"network / linear: {cost['network'] / cost['linear']:.2f}x")


if __name__ == "__main__":
    main()
