"""The UI-free core: config, shapes, the real module, figures and messages in zh/en.

Nothing here imports streamlit, so the pages, the tests and the benchmarks share it.
"""

from explainer.budget import BudgetError, Cost, estimate, forward_flops
from explainer.cells import (
    CellCheck,
    CellReport,
    cell_check,
    cell_from_layer,
    cell_loop,
    cell_loop_source,
    cell_notes,
    cell_report,
    cell_rows,
)
from explainer.config import GATES, LIMITS, MAX_PARAMETERS, MODES, ConfigError, RNNConfig
from explainer.equations import equations, step_detail, step_source
from explainer.figures import grid_figure
from explainer.i18n import LANGS, MESSAGES, join, t
from explainer.inputs import SOURCES, make_input
from explainer.inside import TraceReport, agreement_rows, check_traceable, tolerance_note, trace_report
from explainer.manual import Trace, manual_forward, trace
from explainer.run import (
    RunReport,
    build_module,
    constructor_warnings,
    cuda_available,
    device_label,
    make_inputs,
    resolve_device,
    run_check,
)
from explainer.settings import (
    DEFAULTS,
    DEVICES,
    VIEW,
    Note,
    applicable,
    from_query,
    pick_lang,
    quantities,
    read_app_keys,
    to_query,
    validate,
    view_bounds,
)
from explainer.shapes import (
    counts_by_mode,
    gate_blocks,
    init_bound,
    last_step,
    letter_rows,
    letter_values,
    parameter_count_notes,
    parameter_formula,
    parameter_names,
    parameter_rows,
    shape_table,
    state_grid,
    symbolic_shape,
    tensor_rows,
)
from explainer.snippet import constructor_call, snippet
from explainer.variants import (
    VARIANTS,
    VariantCheck,
    VariantReport,
    variant_check,
    variant_equations,
    variant_forward,
    variant_report,
    variant_source,
    variant_verdict,
    variants_for,
)

__all__ = [
    "BudgetError",
    "Cost",
    "estimate",
    "DEFAULTS",
    "last_step",
    "join",
    "SOURCES",
    "agreement_rows",
    "TraceReport",
    "VIEW",
    "check_traceable",
    "equations",
    "make_input",
    "quantities",
    "step_detail",
    "step_source",
    "trace_report",
    "tolerance_note",
    "view_bounds",
    "Trace",
    "manual_forward",
    "trace",
    "applicable",
    "GATES",
    "LANGS",
    "LIMITS",
    "MAX_PARAMETERS",
    "MESSAGES",
    "MODES",
    "ConfigError",
    "Note",
    "RNNConfig",
    "RunReport",
    "build_module",
    "constructor_call",
    "constructor_warnings",
    "cuda_available",
    "device_label",
    "forward_flops",
    "from_query",
    "gate_blocks",
    "grid_figure",
    "init_bound",
    "letter_rows",
    "letter_values",
    "make_inputs",
    "counts_by_mode",
    "parameter_count_notes",
    "parameter_formula",
    "parameter_names",
    "parameter_rows",
    "DEVICES",
    "pick_lang",
    "read_app_keys",
    "resolve_device",
    "run_check",
    "shape_table",
    "snippet",
    "state_grid",
    "symbolic_shape",
    "t",
    "tensor_rows",
    "to_query",
    "validate",
    "CellCheck",
    "CellReport",
    "cell_check",
    "cell_from_layer",
    "cell_loop",
    "cell_loop_source",
    "cell_notes",
    "cell_report",
    "cell_rows",
    "VARIANTS",
    "VariantCheck",
    "VariantReport",
    "variant_check",
    "variant_equations",
    "variant_forward",
    "variant_report",
    "variant_source",
    "variant_verdict",
    "variants_for",
]


def __getattr__(name: str):
    """``explainer.diagnose_source`` (and ``Diagnosis``), imported on first use: the shape debugger
    is not loaded by pages that never call it."""
    if name in ("diagnose_source", "Diagnosis"):
        from explainer import debugger

        return getattr(debugger, name)
    raise AttributeError(f"module 'explainer' has no attribute {name!r}")
