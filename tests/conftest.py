"""Shared test setup: the repo root on sys.path, hypothesis without deadlines (2 noisy cores)."""

import os
import sys
from pathlib import Path

from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# Pages start the PNG renderer (a Chromium) in the background once per process; AppTest runs
# every page in the test process, so the suite leaves it off (tests/test_export.py starts it).
os.environ.setdefault("EXPLAINER_PNG_WARM", "0")

settings.register_profile(
    "default", deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow]
)
# HYPOTHESIS_PROFILE=deep: a long hunt before a release (CI keeps the default).
settings.register_profile("deep", parent=settings.get_profile("default"), max_examples=1500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
