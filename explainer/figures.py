"""Plotly figure builders: they take plain data from shapes.py and only draw."""

from __future__ import annotations

import plotly.graph_objects as go

from explainer.config import RNNConfig
from explainer.messages import t
from explainer.shapes import GridCell, output_index, state_grid

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
        # output[-1]: the last time index of output, for every direction of the last layer.
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
            text=t("grid.output_last", lang),
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
    return go.Figure(data=traces, layout=layout)
