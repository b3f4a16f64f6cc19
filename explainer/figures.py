"""Plotly figure builders: they take plain data from shapes.py and only draw."""

from __future__ import annotations

import math

import plotly.graph_objects as go
from _plotly_utils.utils import is_homogeneous_array, is_skipped_key, to_typed_array_spec

from explainer.config import RNNConfig
from explainer.i18n import t
from explainer.shapes import GridCell, last_step, output_index, state_grid

OUTPUT_COLOR = "#1f77b4"
INNER_COLOR = "#c7c7c7"
H_N_COLOR = "#ff7f0e"


def _row(cfg: RNNConfig, cell: GridCell) -> int:
    """y position: layer 0 at the bottom, reverse just above its forward twin."""
    return cell.layer * cfg.D + cell.direction


def grid_figure(cfg: RNNConfig, seq_len: int, batched: bool, lang: str) -> go.Figure:
    """The layer x direction x time grid, marking the states in ``output`` and in ``h_n``."""
    cells = state_grid(cfg, seq_len)
    dir_names = [t("grid.forward", lang), t("grid.reverse", lang)]

    def hover(c: GridCell) -> str:
        parts = [t("grid.hover", lang, layer=c.layer, direction=dir_names[c.direction], t=c.t, step=c.step)]
        if c.in_output:
            parts.append("= " + output_index(cfg, c.t, c.direction, batched))
        if c.h_n_row is not None:
            parts.append(f"= h_n[{c.h_n_row}]")
        return "<br>".join(parts)

    traces = []
    # Arrows of recurrence: a line per row and an arrowhead between steps, the way it runs.
    for layer in range(cfg.num_layers):
        for direction in range(cfg.D):
            y = layer * cfg.D + direction
            traces.append(
                dict(
                    type="scatter",
                    x=[0, seq_len - 1],
                    y=[y, y],
                    mode="lines",
                    line=dict(color="#bbb", width=1),
                    hoverinfo="skip",
                    showlegend=False,
                )
            )
            if seq_len > 1 and seq_len <= 60:
                traces.append(
                    dict(
                        type="scatter",
                        x=[i + 0.5 for i in range(seq_len - 1)],
                        y=[y] * (seq_len - 1),
                        mode="markers",
                        hoverinfo="skip",
                        showlegend=False,
                        marker=dict(
                            symbol="triangle-right" if direction == 0 else "triangle-left",
                            size=9,
                            color="#888",
                        ),
                    )
                )
    groups = [
        ("grid.in_output", [c for c in cells if c.in_output], OUTPUT_COLOR),
        ("grid.inner", [c for c in cells if not c.in_output], INNER_COLOR),
    ]
    for key, group, color in groups:
        if group:
            traces.append(
                dict(
                    type="scatter",
                    x=[c.t for c in group],
                    y=[_row(cfg, c) for c in group],
                    mode="markers",
                    name=t(key, lang),
                    marker=dict(size=16, color=color, line=dict(width=0)),
                    hovertext=[hover(c) for c in group],
                    hoverinfo="text",
                )
            )
    finals = [c for c in cells if c.h_n_row is not None]
    traces.append(
        dict(
            type="scatter",
            x=[c.t for c in finals],
            y=[_row(cfg, c) for c in finals],
            mode="markers+text",
            name=t("grid.in_h_n", lang),
            text=[f"h_n[{c.h_n_row}]" for c in finals],
            textposition="top center",
            textfont=dict(color=H_N_COLOR),
            marker=dict(size=26, color="rgba(0,0,0,0)", line=dict(width=3, color=H_N_COLOR)),
            hovertext=[hover(c) for c in finals],
            hoverinfo="text",
        )
    )
    top = cfg.num_layers * cfg.D - 1
    last = seq_len - 1
    shapes = [
        # output at the last time index (output[-1]; output[:, -1] batch_first), all of the top layer
        dict(
            type="rect",
            x0=last - 0.4,
            x1=last + 0.4,
            y0=top - cfg.D + 0.5,
            y1=top + 0.5,
            line=dict(color=OUTPUT_COLOR, dash="dot", width=2),
        )
    ]
    annotations = [
        dict(
            x=last,
            y=top + 0.75,
            text=t("grid.output_last", lang, last=last_step(cfg, batched)),
            showarrow=False,
            font=dict(color=OUTPUT_COLOR),
        )
    ]
    ticks = [
        f"{t('grid.layer', lang, layer=k)} {'→' if d == 0 else '←'}"
        for k in range(cfg.num_layers)
        for d in range(cfg.D)
    ]
    layout = dict(
        xaxis=dict(
            title=t("grid.time", lang),
            dtick=1 if seq_len <= 30 else None,
            range=[-0.7, last + 0.7],
            zeroline=False,
        ),
        yaxis=dict(tickvals=list(range(len(ticks))), ticktext=ticks, range=[-0.7, top + 1.1], zeroline=False),
        shapes=shapes,
        annotations=annotations,
        height=160 + 55 * len(ticks),
        margin=dict(l=10, r=10, t=40, b=40),
        legend=dict(orientation="h", x=0, y=1.0, yanchor="bottom"),
        plot_bgcolor="white",
    )
    return figure(traces, layout)


# --- hidden states ----------------------------------------------------------------------

GATE_RANGE = {"i": (0, 1), "f": (0, 1), "o": (0, 1), "r": (0, 1), "z": (0, 1)}  # sigmoid gates
MAX_HEATMAP_CELLS = 60_000  # per panel; larger traces are strided in time for drawing only


def quantity_values(tr, quantity: str):
    """(num_layers, D, L, N, width) tensor for 'h', 'c' or a gate name."""
    if quantity == "h":
        return tr.h
    if quantity == "c":
        return tr.c
    return tr.gates[quantity]


def panel_titles(
    cfg: RNNConfig, layer: int, seq_len: int, batched: bool, lang: str, quantity: str = "h"
) -> list[str]:
    """Name each direction's panel, and say where the module returns what it shows.

    h: the top layer's is a slice of ``output`` and each layer's final step a row of ``h_n``;
    c (LSTM): never in ``output``, its final step a row of ``c_n``; a gate: returned nowhere.
    Two directions share the width (a phone's 390 px: two panels of ~170 px), so each part of
    their titles gets its own line; one direction's title stays on one line.
    """
    titles = []
    for d in range(cfg.D):
        name = t("grid.forward" if d == 0 else "grid.reverse", lang)
        final_t = seq_len - 1 if d == 0 else 0  # the reverse direction ends at t = 0
        parts = [f"{t('grid.layer', lang, layer=layer)} {'→' if d == 0 else '←'} {name}"]
        if quantity == "h" and layer == cfg.num_layers - 1:
            parts.append(t("hs.panel_output", lang, index=output_index(cfg, "t", d, batched)))
        if quantity in ("h", "c"):
            parts.append(t(f"hs.panel_{quantity}_n", lang, row=layer * cfg.D + d, t=final_t))
        titles.append(("<br>" if cfg.D == 2 else " · ").join(parts))
    return titles


def _title_lines(text: str) -> int:
    return text.count("<br>") + 1


def _sent(value, convert: bool = True):
    """A copy of a spec's dicts and lists as Plotly sends them: a dict's arrays in base64 form
    (``convert_to_base64``'s rule, keys it skips included), in one pass that does not visit each
    number and label of a list the way ``convert_to_base64`` does. Arrays and strings are shared.
    """
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if not convert or is_skipped_key(k):
                out[k] = _sent(v, False)
            elif is_homogeneous_array(v):
                out[k] = to_typed_array_spec(v)
            else:
                out[k] = _sent(v)
        return out
    if isinstance(value, (list, tuple)):
        return [_sent(v, convert) if isinstance(v, (dict, list, tuple)) else v for v in value]
    return value


_TEMPLATES: dict[int, dict] = {}  # id of a Plotly template object -> its plain dict (read only)


def _default_template() -> dict | None:
    """The template go.Figure would put in the layout now, as a plain dict, built once per template.

    Streamlit registers its own ("streamlit") when st.plotly_chart is first imported; a Spec
    asks at each to_dict(), as go.Figure asks when it is built.
    """
    import plotly.io as pio

    name = pio.templates.default
    if name is None:
        return None
    template = name if not isinstance(name, str) else pio.templates[name]
    if id(template) not in _TEMPLATES:
        _TEMPLATES[id(template)] = template.to_plotly_json()
    return _TEMPLATES[id(template)]


class Spec(go.Figure):
    """A Plotly figure that keeps the builder's plain dicts and hands them out as they are.

    ``go.Figure``, even with ``_validate=False``, builds an object for every trace and property,
    and its ``to_dict()`` (what ``st.plotly_chart`` calls) deep-copies them all again: about 5 ms
    of a rerun's CPU per figure on this machine. A plain dict is no way out: Streamlit 1.67
    validates a dict in full (``Figure(**spec).to_dict()``, 25-40 ms). A Spec answers
    ``to_dict()`` from a copy of its dicts (arrays in Plotly's base64 form, the default template
    added: what ``go.Figure(...).to_dict()`` gives, which tests/test_figures.py
    holds it to); anything else Plotly offers (``to_html``, ``to_image``, ``.data``,
    ``update_layout``) builds the go.Figure from the same dicts on first use.
    """

    def __init__(self, data: list[dict], layout: dict) -> None:  # go.Figure.__init__ runs on first use
        self.__dict__["_spec"] = {"data": data, "layout": layout}

    @property
    def spec(self) -> dict:
        """The builder's own {"data": [...], "layout": {...}}, as given (read it, never change it)."""
        return self.__dict__["_spec"]

    def __getattr__(self, name: str):
        # Reached only for what the instance lacks: Plotly's own state, until it is built.
        state = self.__dict__
        if "_spec" not in state or state.get("_built") or name.startswith("__"):
            raise AttributeError(name)
        state["_built"] = True
        spec = _sent(state["_spec"], convert=False)
        go.Figure.__init__(self, data=spec["data"], layout=spec["layout"], _validate=False)
        return getattr(self, name)

    def to_dict(self) -> dict:
        if self.__dict__.get("_built"):  # changed through Plotly's API since: Plotly's own answer
            return super().to_dict()
        spec = _sent(self.__dict__["_spec"])
        template = _default_template()
        if template is not None and "template" not in spec["layout"]:
            spec["layout"]["template"] = template  # shared, never written to: to_json only reads it
        return spec

    def to_plotly_json(self) -> dict:
        return self.to_dict()

    def __reduce__(self):  # a copy or a pickle is a plain go.Figure of the same dict
        return go.Figure, (self.to_dict(),)


def figure(data: list[dict], layout: dict) -> go.Figure:
    """A figure from plain dicts, without Plotly's per-property validation or copies (``Spec``).

    Validation costs tens of milliseconds per figure on every rerun (bench measured it); the
    dicts here are fixed by this module and exercised by the tests, which validate them once.
    Arrays go in as float32 numpy arrays, which Plotly sends as compact base64, not JSON text.
    """
    return Spec(data, layout)


# --- presentation: one type size for everything a figure writes -------------------------------

PROJECTOR_FONT = 22  # px: the projector's body text is 26 px; a figure's labels must be read from 10 m


def for_projector(fig: go.Figure, size: int = PROJECTOR_FONT, height: int = 680) -> go.Figure:
    """A copy of ``fig`` for a projector: every label at ``size`` px and the figure one screen tall.

    The builders set explicit sizes (an annotation's 12 px, marker text), which a layout-wide
    font would not override; so legend, ticks, axis titles, annotations, marker text, colour bar
    and hover labels are each set here. Data and shapes are untouched.
    """
    fig = go.Figure(fig)
    font = dict(size=size)
    fig.update_layout(
        height=max(fig.layout.height or 0, height),
        font=font,
        legend=dict(font=font),
        hoverlabel=dict(font=font),
        title=dict(font=dict(size=size + 4)),
    )
    fig.update_xaxes(tickfont=font, title_font=font)
    fig.update_yaxes(tickfont=font, title_font=font)
    fig.for_each_annotation(lambda a: a.update(font=dict(size=size)))
    for trace in fig.data:
        if "textfont" in trace:
            trace.textfont.size = size
        if "colorbar" in trace:
            trace.colorbar.tickfont = font
            trace.colorbar.title.font = font
        if "marker" in trace and getattr(trace.marker, "size", None) is not None:
            marker_size = trace.marker.size
            if isinstance(marker_size, (int, float)):
                trace.marker.size = marker_size * 1.4
    margin = fig.layout.margin
    lines = max((_title_lines(a.text or "") for a in fig.layout.annotations), default=1)
    top = max(margin.t or 0, 3 * size, round((lines + 0.5) * size * 1.3))  # titles of several lines
    fig.update_layout(margin=dict(t=top, b=max(margin.b or 0, 3 * size)))
    return fig


def heatmap_figure(
    cfg: RNNConfig,
    values,
    layer: int,
    item: int,
    time_labels: list[str],
    quantity: str,
    batched: bool,
    lang: str,
) -> go.Figure:
    """One heatmap per direction: time across, unit down; hover shows exact values."""
    seq_len = values.shape[2]
    titles = panel_titles(cfg, layer, seq_len, batched, lang, quantity)
    lo, hi = GATE_RANGE.get(quantity, (None, None))
    scale = "Viridis" if quantity in GATE_RANGE else "RdBu_r"
    gap = 0.08
    width = (1 - gap * (cfg.D - 1)) / cfg.D
    data, layout = [], {}
    annotations = []
    for d in range(cfg.D):
        z = values[layer, d, :, item].T  # (width, L)
        stride = max(1, (z.numel() + MAX_HEATMAP_CELLS - 1) // MAX_HEATMAP_CELLS)
        steps = list(range(0, seq_len, stride))
        suffix = "" if d == 0 else str(d + 1)
        heat = dict(
            type="heatmap",
            z=z[:, steps].float().numpy(),
            x=[f"{s}:{time_labels[s]}" if time_labels[s] != str(s) else str(s) for s in steps],
            colorscale=scale,
            showscale=d == cfg.D - 1,
            hovertemplate=t("hs.hover", lang, q=quantity) + "<extra></extra>",
            xaxis=f"x{suffix}",
            yaxis=f"y{suffix}",
        )
        if lo is None:
            heat["zmid"] = 0
        else:
            heat |= dict(zmin=lo, zmax=hi)
        data.append(heat)
        x0 = d * (width + gap)
        layout[f"xaxis{suffix}"] = dict(
            title=dict(text=t("grid.time", lang)),
            type="category",
            domain=[x0, x0 + width],
            anchor=f"y{suffix}",
        )
        layout[f"yaxis{suffix}"] = dict(
            title=dict(text=t("hs.unit", lang)), autorange="reversed", anchor=f"x{suffix}"
        )
        title = titles[d]
        if stride > 1:  # say so on the chart: the browser gets every stride-th step
            title += "<br><sub>" + t("hs.strided", lang, stride=stride, shown=len(steps), seq_len=seq_len)
            title += "</sub>"
        annotations.append(
            dict(
                text=title,
                x=x0 + width / 2,
                y=1.0,
                xref="paper",
                yref="paper",
                xanchor="center",
                yanchor="bottom",
                showarrow=False,
                font=dict(size=12),
            )
        )
    lines = max(_title_lines(a["text"]) for a in annotations)
    layout |= dict(
        annotations=annotations,
        height=300 + min(values.shape[-1], 64) * 8,
        margin=dict(l=10, r=10, t=max(60, 20 + 18 * lines), b=40),
    )
    return figure(data, layout)


def lines_figure(
    cfg: RNNConfig,
    values,
    layer: int,
    item: int,
    units: list[int],
    time_labels: list[str],
    quantity: str,
    lang: str,
) -> go.Figure:
    """Chosen units over time: one colour per unit, solid forward, dashed reverse."""
    from plotly.colors import qualitative

    palette = qualitative.Plotly
    x = list(range(values.shape[2]))
    data = [
        dict(
            type="scatter",
            x=x,
            y=values[layer, d, :, item, u].float().numpy(),
            mode="lines+markers",
            name=f"{quantity}[{u}] {'→' if d == 0 else '←'}",
            line=dict(dash="solid" if d == 0 else "dash", color=palette[k % len(palette)]),
            hovertemplate="t=%{x}: %{y:.6f}<extra>%{fullData.name}</extra>",
        )
        for d in range(cfg.D)
        for k, u in enumerate(units)
    ]
    layout = dict(
        height=320,
        margin=dict(l=10, r=10, t=30, b=40),
        xaxis=dict(
            title=dict(text=t("grid.time", lang)),
            tickvals=x if len(x) <= 40 else None,
            ticktext=time_labels if len(x) <= 40 else None,
        ),
    )
    return figure(data, layout)


def diff_figure(per_t, tolerance: float, lang: str, name_key: str = "eq.diff_name") -> go.Figure:
    """Largest |manual - module| in output at each timestep, on a log scale, with the tolerance.

    ``name_key`` names the line: a textbook variant's distance is drawn on the same scale.
    """
    y = [max(v, 1e-18) for v in per_t.double().tolist()]
    data = [
        dict(
            type="scatter",
            x=list(range(len(y))),
            y=y,
            mode="lines+markers",
            name=t(name_key, lang),
            hovertemplate="t=%{x}: %{y:.3e}<extra></extra>",
        )
    ]
    line = dict(type="line", xref="paper", x0=0, x1=1, y0=tolerance, y1=tolerance)
    layout = dict(
        shapes=[line | dict(line=dict(color="red", dash="dash"))],
        annotations=[
            dict(
                text=t("eq.tolerance_line", lang, tol=f"{tolerance:.2g}"),
                xref="paper",
                x=1,
                y=math.log10(tolerance),
                xanchor="right",
                yanchor="bottom",
                showarrow=False,
            )
        ],
        yaxis=dict(type="log", title=dict(text="max |Δ|")),
        height=300,
        margin=dict(l=10, r=10, t=30, b=40),
        xaxis=dict(title=dict(text=t("grid.time", lang)), dtick=1 if len(y) <= 30 else None),
    )
    return figure(data, layout)


# --- gradient flow through time ------------------------------------------------------------


def gradient_figure(curves: dict, y_key: str, lang: str) -> go.Figure:
    """A gradient norm at each timestep, one line per curve, on a log scale.

    ``curves`` maps a line's name to its (L,) norms; 0, inf and nan leave a gap (a log axis
    cannot place them; the page counts them).
    """
    data = []
    for name, norms in curves.items():
        y = [v if v > 0 and math.isfinite(v) else None for v in norms.tolist()]
        data.append(
            dict(
                type="scatter",
                x=list(range(len(y))),
                y=y,
                mode="lines+markers" if len(y) <= 60 else "lines",
                name=name,
                hovertemplate=f"{name}<br>t=%{{x}}: %{{y:.3e}}<extra></extra>",
            )
        )
    steps = max((len(n) for n in curves.values()), default=1)
    layout = dict(
        yaxis=dict(type="log", title=dict(text=t(y_key, lang)), exponentformat="power"),
        xaxis=dict(title=dict(text=t("grid.time", lang)), dtick=1 if steps <= 30 else None),
        height=380,
        margin=dict(l=10, r=10, t=30, b=40),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
    )
    return figure(data, layout)


def check_figure(checks: dict, lang: str) -> go.Figure:
    """Each manual check's norms per timestep: the hand-written gradient as a line, autograd's as
    markers on it, on a log scale. ``checks`` maps a name to (manual (L,), autograd (L,))."""
    colors = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd")
    data = []
    for (name, (manual, auto)), color in zip(checks.items(), colors, strict=False):
        for norms, how in ((manual, "by_hand"), (auto, "autograd")):
            y = [v if v > 0 and math.isfinite(v) else None for v in norms.tolist()]
            label = f"{name}: {t(f'grad.{how}', lang)}"
            data.append(
                dict(
                    type="scatter",
                    x=list(range(len(y))),
                    y=y,
                    mode="lines" if how == "by_hand" else "markers",
                    name=label,
                    line=dict(color=color, width=4),
                    marker=dict(color=color, size=7, symbol="circle-open", line=dict(width=2)),
                    hovertemplate=f"{label}<br>t=%{{x}}: %{{y:.6e}}<extra></extra>",
                )
            )
    steps = max((len(m) for m, _ in checks.values()), default=1)
    layout = dict(
        yaxis=dict(type="log", title=dict(text=t("grad.axis_check", lang)), exponentformat="power"),
        xaxis=dict(title=dict(text=t("grid.time", lang)), dtick=1 if steps <= 30 else None),
        height=380,
        margin=dict(l=10, r=10, t=30, b=40),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
    )
    return figure(data, layout)


# --- training demos -----------------------------------------------------------------------


def loss_figure(losses: list[float], lang: str) -> go.Figure:
    """The loss so far, on a log scale: it grows as the run trains."""
    data = [dict(type="scatter", y=[max(v, 1e-9) for v in losses], mode="lines", name=t("tr.loss", lang))]
    layout = dict(
        yaxis=dict(type="log", title=dict(text=t("tr.loss", lang))),
        xaxis=dict(title=dict(text=t("tr.step", lang))),
        height=280,
        margin=dict(l=10, r=10, t=30, b=40),
    )
    return figure(data, layout)


def sine_figure(pred: dict, lang: str) -> go.Figure:
    """The LSTM's one-step predictions against the true wave."""
    data = [
        dict(
            type="scatter",
            x=pred["t"],
            y=pred["truth"],
            mode="lines",
            name=t("tr.truth", lang),
            line=dict(color="#999"),
        ),
        dict(type="scatter", x=pred["t"], y=pred["predicted"], mode="markers", name=t("tr.predicted", lang)),
    ]
    layout = dict(height=300, margin=dict(l=10, r=10, t=30, b=40), xaxis=dict(title=dict(text="t")))
    return figure(data, layout)


def stateful_figure(runs: dict, quantity: str, lang: str) -> go.Figure:
    """One line per way of treating the state, step by step: 'losses' (log scale), 'seconds' (shown
    in ms) or 'saved' (the bytes autograd keeps for the step's backward, shown in KB).

    ``runs`` maps a way ('reset', 'detach', ...) to its ``train.StatefulRun``.
    """
    scale = {"losses": 1.0, "seconds": 1e3, "saved": 1e-3}[quantity]
    data = []
    for way, run in runs.items():
        values = getattr(run, quantity)
        if not values:
            continue
        data.append(
            dict(
                type="scatter",
                x=list(range(1, len(values) + 1)),
                y=[max(v * scale, 1e-9) for v in values],
                mode="lines+markers" if len(values) < 30 else "lines",
                name=t(f"st.way.{way}", lang),
            )
        )
    layout = dict(
        yaxis=dict(
            type="log" if quantity == "losses" else "linear", title=dict(text=t(f"st.y.{quantity}", lang))
        ),
        xaxis=dict(title=dict(text=t("tr.step", lang))),
        height=300,
        margin=dict(l=10, r=10, t=30, b=40),
        legend=dict(orientation="h", y=-0.25),
    )
    return figure(data, layout)


# --- packed sequences ------------------------------------------------------------------------


def packed_data_figure(report, lang: str) -> go.Figure:
    """PackedSequence.data as torch stores it: one column per time step t holding that step's
    batch_sizes[t] rows (longest sequences first), each cell a row of .data coloured by the
    sequence it comes from.

    ``report`` is a ``packed.PackedReport``: batch_sizes, and which sequence and step each row of
    .data holds, both from torch's own pack_padded_sequence.
    """
    from plotly.colors import qualitative

    sizes, seqs, steps = report.batch_sizes, report.data_sequence, report.data_t
    n_seq, height = len(report.lengths), max(sizes)
    seq = t("pk.seq", lang)
    z = [[None] * len(sizes) for _ in range(height)]
    text = [[""] * len(sizes) for _ in range(height)]
    hover = [[""] * len(sizes) for _ in range(height)]
    first = 0  # the chunk of .data for step s is rows first .. first + sizes[s] - 1
    for s, size in enumerate(sizes):
        for k in range(size):
            r = first + k
            b = seqs[r]
            z[k][s] = b
            text[k][s] = f"{seq} {b}<br>[{r}]" if len(sizes) <= 12 else str(b)
            hover[k][s] = t("pk.data_hover", lang, r=r, seq=f"{seq} {b}", t=steps[r], s=s, size=size)
        first += size
    palette = qualitative.Set3 if n_seq <= len(qualitative.Set3) else qualitative.Light24
    scale = []
    for b in range(n_seq):  # one flat band of colour per sequence
        color = palette[b % len(palette)]
        scale += [[b / n_seq, color], [(b + 1) / n_seq, color]]
    heat = dict(
        type="heatmap",
        z=z,
        text=text,
        texttemplate="%{text}",
        hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>",
        colorscale=scale,
        zmin=-0.5,
        zmax=n_seq - 0.5,
        colorbar=dict(
            tickvals=list(range(n_seq)),
            ticktext=[f"{seq} {b} (L={n})" for b, n in enumerate(report.lengths)],
            title=dict(text=t("pk.data_legend", lang)),
        ),
        xgap=3,
        ygap=3,
    )
    layout = dict(
        xaxis=dict(
            title=dict(text=t("pk.data_x", lang)),
            tickvals=list(range(len(sizes))),
            ticktext=[f"{s}<br><b>{size}</b>" for s, size in enumerate(sizes)],
            side="top",
        ),
        yaxis=dict(
            title=dict(text=t("pk.data_y", lang)),
            autorange="reversed",
            tickvals=list(range(height)),
            zeroline=False,
        ),
        height=170 + 40 * height,
        margin=dict(l=10, r=10, t=80, b=20),
        plot_bgcolor="white",
    )
    return figure([heat], layout)
