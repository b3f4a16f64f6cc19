"""Absolute paths the page and browser tests need (AppTest wants an absolute script path)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
ARTIFACTS = ROOT / "artifacts"
