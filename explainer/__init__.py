"""The UI-free core: what a notebook calls. Everything else is imported from its own module.

    >>> import explainer as ex
    >>> cfg = ex.RNNConfig("LSTM", input_size=10, hidden_size=20, num_layers=2, bidirectional=True)
    >>> ex.shape_table(cfg, seq_len=5, batch_size=3)["output"]
    (5, 3, 40)
    >>> ex.run_check(cfg, 5, 3).ok  # the real module agrees with every predicted shape
    True
    >>> ex.trace_report(ex.Setting(cfg, 5, 3, device="cpu")).ok  # the equations by hand, against it
    True
    >>> ex.diagnose_source("import torch\\nrnn = torch.nn.GRU(4, 8)\\nrnn(torch.randn(5, 3, 2))").ok
    False

- config: ``RNNConfig`` (torch's constructor arguments, validated once) and ``ConfigError``
- shapes: ``shape_table`` (every tensor's shape in numbers), ``symbolic_shape`` (in torch's letters)
- run: ``build_module`` (the seeded real module), ``run_check`` / ``RunReport`` (predictions vs torch)
- the equations by hand: ``manual_forward``, ``trace`` / ``Trace`` (every state and gate), and
  ``trace_report`` / ``TraceReport`` for a ``Setting`` (module, input, dtype, device) against torch
- the shape debugger: ``diagnose_source`` / ``Diagnosis``, imported on first use

Nothing here imports streamlit or plotly: the pages, the tests and the benchmarks share it.
"""

from explainer.config import ConfigError, RNNConfig
from explainer.inside import TraceReport, trace_report
from explainer.manual import Trace, manual_forward, trace
from explainer.run import RunReport, build_module, run_check
from explainer.setting import Setting
from explainer.shapes import shape_table, symbolic_shape

__all__ = [
    "ConfigError",
    "Diagnosis",
    "RNNConfig",
    "RunReport",
    "Setting",
    "Trace",
    "TraceReport",
    "build_module",
    "diagnose_source",
    "manual_forward",
    "run_check",
    "shape_table",
    "symbolic_shape",
    "trace",
    "trace_report",
]


def __getattr__(name: str):
    """``explainer.diagnose_source`` (and ``Diagnosis``), imported on first use: the shape debugger
    is not loaded by pages that never call it."""
    if name in ("diagnose_source", "Diagnosis"):
        from explainer import debugger

        return getattr(debugger, name)
    raise AttributeError(f"module 'explainer' has no attribute {name!r}")
