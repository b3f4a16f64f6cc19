"""Turn torch's message into the user's terms: their names, their numbers, the rule, a fix.

The entry the debugger imports. Each question has its own module: which rule explains torch's
message (``rules``), and how a fix rewrites the user's source (``fixes``).
"""

from __future__ import annotations

from explainer.debugger.fixes import IMPORTS, Edit, Fix, apply_fix, needs_torch_import
from explainer.debugger.rules import explain

__all__ = ["IMPORTS", "Edit", "Fix", "apply_fix", "explain", "needs_torch_import"]
