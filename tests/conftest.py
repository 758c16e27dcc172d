"""Shared test settings: the hypothesis profile (bounded, no example database in the repository)."""

from __future__ import annotations

import tempfile

try:
    from hypothesis import HealthCheck, settings
    from hypothesis.configuration import set_hypothesis_home_dir
except ImportError:  # hypothesis is in the dev extra; its tests skip without it
    pass
else:
    # Hypothesis also caches constants and Unicode tables in its home folder: keep that out of the
    # working tree too.
    set_hypothesis_home_dir(tempfile.mkdtemp(prefix="tidings-hypothesis-"))
    # database=None: examples are not saved under .hypothesis/ in the working tree. No deadline:
    # the machine is shared, and speed belongs in benchmarks. Each test sets its own max_examples.
    settings.register_profile(
        "tidings", database=None, deadline=None, derandomize=False,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    settings.load_profile("tidings")
