"""Fuzz settings shared by every property test, and a count of the examples each one ran.

The normal suite runs FIGCHECK_FUZZ_EXAMPLES examples per property (default 200); the soak mode
sets it to 10,000 or more (see README), and the run ends by printing how many examples each
property ran.
"""

from __future__ import annotations

import os
from collections import Counter

from hypothesis import HealthCheck, settings

EXAMPLES_PER_PROPERTY = int(os.environ.get("FIGCHECK_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES_PER_PROPERTY, deadline=None, derandomize=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                       HealthCheck.data_too_large])
EXAMPLES_RUN: Counter[str] = Counter()


def ran(property_name: str) -> None:
    EXAMPLES_RUN[property_name] += 1
