"""Figures are built without Plotly's validation at run time (it is slow), so validate them here.

Every builder, for every mode and both directions: the plain dicts must pass Plotly's full
validator, and the drawn numbers must be the traced ones.
"""

import json

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from helpers import cfg_id

import explainer as ex
from explainer import figures, i18n, settings, shapes
from explainer.packed import packed_figure, packed_report
from explainer.setting import Setting


def validated(fig: go.Figure) -> go.Figure:
    """Plotly's own validator: raises ValueError on any unknown or ill-typed property."""
    return go.Figure(fig.to_dict())


@pytest.fixture(scope="module", params=["RNN", "LSTM", "GRU"])
def report(request):
    cfg = ex.RNNConfig(request.param, 3, 4, 2, bidirectional=True)
    return ex.trace_report(Setting(cfg, 6, 2, "random", device="cpu"))


def every_figure(report, lang: str) -> list[go.Figure]:
    cfg, tr = report.cfg, report.trace
    labels = report.data.time_labels
    built = [
        figures.grid_figure(cfg, 6, True, lang),
        figures.diff_figure(report.per_t_diff, report.tolerance, lang),
        figures.loss_figure([1.0, 0.5, 0.1], lang),
        figures.sine_figure({"t": [0, 1], "truth": [0.0, 1.0], "predicted": [0.1, 0.9]}, lang),
        packed_figure(packed_report(cfg, [3, 2], False), lang),
        figures.packed_data_figure(packed_report(cfg, [2, 4, 1], False), lang),
        figures.packed_data_figure(packed_report(cfg, [1] * 12, False), lang),  # twelve colours
        figures.packed_data_figure(packed_report(cfg, [20, 3], False), lang),  # long: no text in the cells
    ]
    for q in settings.quantities(cfg.mode):
        values = figures.quantity_values(tr, q)
        built.append(figures.heatmap_figure(cfg, values, 1, 1, labels, q, True, lang))
        built.append(figures.lines_figure(cfg, values, 1, 1, [0, 3], labels, q, lang))
    return built


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_every_figure_passes_plotlys_validator(report, lang):
    for fig in every_figure(report, lang):
        validated(fig)
        assert pio.to_json(fig, validate=False)


def sent(fig: go.Figure) -> dict:
    """What st.plotly_chart sends for ``fig`` (Streamlit 1.67: to_dict(), then to_json), read back."""
    import plotly.tools

    return json.loads(pio.to_json(plotly.tools.return_figure_from_figure_or_data(fig, True), validate=False))


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_a_spec_sends_what_go_figure_sent(report, lang):
    """A Spec skips go.Figure's object tree and copies; the browser must get the same figure."""
    import streamlit.elements.plotly_chart  # noqa: F401 -- registers Streamlit's template, as a page does

    for fig in every_figure(report, lang):
        assert isinstance(fig, figures.Spec) and isinstance(fig, go.Figure)
        before = sent(go.Figure(data=fig.spec["data"], layout=fig.spec["layout"], _validate=False))
        assert sent(fig) == before
        assert sent(fig) == before  # sending changes nothing in the spec (base64, popped uids)
        fig.data  # noqa: B018 -- Plotly's API builds the go.Figure, from the same dicts
        assert sent(fig) == before and fig.to_html(include_plotlyjs=False)


def test_heatmap_draws_the_traced_numbers_compactly(report):
    cfg, tr = report.cfg, report.trace
    fig = figures.heatmap_figure(cfg, tr.h, 1, 1, report.data.time_labels, "h", True, "en")
    for d, heat in enumerate(fig.data):
        np.testing.assert_array_equal(np.asarray(heat.z), tr.h[1, d, :, 1].T.numpy())
    spec = pio.to_json(fig, validate=False)
    assert '"bdata"' in spec  # base64 typed arrays, not decimal text


def test_large_heatmaps_are_strided_in_time_only():
    cfg = ex.RNNConfig("RNN", 1, 512, 1)
    values = ex.trace_report(Setting(cfg, 300, 1, "random", device="cpu")).trace.h
    fig = figures.heatmap_figure(cfg, values, 0, 0, [str(i) for i in range(300)], "h", True, "en")
    z = np.asarray(fig.data[0].z)
    assert z.shape[0] == 512 and z.size <= figures.MAX_HEATMAP_CELLS
    np.testing.assert_array_equal(z[:, 1], values[0, 0, int(fig.data[0].x[1]), 0].numpy())
    stride = int(fig.data[0].x[1])
    assert i18n.t("hs.strided", "en", stride=stride, shown=len(fig.data[0].x), seq_len=300) in str(
        fig.layout.annotations[0].text
    )
    small = figures.heatmap_figure(cfg, values[:, :, :20], 0, 0, [str(i) for i in range(20)], "h", True, "en")
    assert "<sub>" not in small.layout.annotations[0].text  # nothing left out, nothing said


@pytest.mark.parametrize("batch_first", [False, True])
def test_packed_data_figure_draws_torchs_rows(batch_first):
    """A column per time step, batch_sizes[t] cells tall, each naming the sequence torch put in that row."""
    import torch
    from torch.nn.utils.rnn import pack_padded_sequence

    lengths = [2, 5, 3, 5]
    cfg = ex.RNNConfig("GRU", 2, 3, batch_first=batch_first)
    report = packed_report(cfg, lengths, False)
    z = figures.packed_data_figure(report, "en").data[0].z
    # torch's own placement: pack each cell's sequence index, independently of the report
    ids = torch.arange(len(lengths)).repeat(max(lengths), 1)  # (L, N): ids[t, b] = b
    packed = pack_padded_sequence(ids, torch.tensor(lengths), enforce_sorted=False)
    first = 0
    for t, size in enumerate(packed.batch_sizes.tolist()):
        column = [z[k][t] for k in range(len(z))]
        assert column[:size] == packed.data[first : first + size].tolist()
        assert all(v is None for v in column[size:])
        first += size


@pytest.mark.parametrize(
    "cfg",
    [
        ex.RNNConfig("LSTM", 3, 4, 2, bidirectional=True),
        ex.RNNConfig("LSTM", 3, 4, 2, bidirectional=True, batch_first=True, proj_size=2),
        ex.RNNConfig("GRU", 3, 4, 2, bidirectional=True, batch_first=True),
        ex.RNNConfig("RNN", 3, 4, 1),
    ],
    ids=cfg_id,
)
@pytest.mark.parametrize("lang", i18n.LANGS)
def test_heatmap_titles_name_where_the_real_module_returns_each_quantity(cfg, lang):
    """Every `output[...]`, `h_n[r]` and `c_n[r]` a panel title names holds the drawn numbers in
    the real module's return values; c is never called part of output, and a gate part of nothing."""
    import re

    import torch

    from explainer.inside import traced_setting

    L, N = 5, 2
    module, data, _ = traced_setting(
        Setting(cfg, L, N, "random", seed=0, text="", dtype="float64", device="cpu")
    )
    with torch.no_grad():
        output, states = module(data.x)
    h_n, c_n = states if cfg.mode == "LSTM" else (states, None)
    tr = ex.trace_report(Setting(cfg, L, N, "random", dtype="float64", device="cpu")).trace
    for q in settings.quantities(cfg.mode):
        values = figures.quantity_values(tr, q)
        for layer in range(cfg.num_layers):
            fig = figures.heatmap_figure(cfg, values, layer, 0, [str(i) for i in range(L)], q, True, lang)
            titles = [a.text for a in fig.layout.annotations]
            assert titles == figures.panel_titles(cfg, layer, L, True, lang, q)
            for d, title in enumerate(titles):
                named = re.findall(r"(output\[[^\]]*\]|h_n\[\d+\]|c_n\[\d+\])", title)
                top = layer == cfg.num_layers - 1
                expected = {"h": 1 + top, "c": 1}.get(q, 0)  # output slice (top layer), h_n / c_n row
                assert len(named) == expected, title
                if q != "h":
                    assert "output" not in title and "h_n" not in title
                if q not in ("h", "c"):
                    assert "c_n" not in title
                for expr in named:
                    if expr.startswith("output"):
                        for t_ in range(L):  # "output[t, :, 4:8]" for every t: the drawn column
                            real = eval(expr, {"output": output, "t": t_})  # noqa: S307
                            torch.testing.assert_close(real, values[layer, d, t_], rtol=0, atol=1e-10)
                    else:
                        row = int(expr[4:-1])
                        final_t = int(re.search(rf"{re.escape(expr)}\D+(\d+)", title).group(1))
                        real = {"h": h_n, "c": c_n}[expr[0]][row]
                        torch.testing.assert_close(real, values[layer, d, final_t], rtol=0, atol=1e-10)


@pytest.mark.parametrize("batch_first", [False, True])
@pytest.mark.parametrize("batched", [True, False])
def test_the_last_step_label_is_the_last_time_step_of_the_real_output(batch_first, batched):
    """The grid's dotted box, its caption and the h_n notes say `output[-1]` time-first and
    `output[:, -1]` batch_first; evaluated on the real module's output, the label is the top
    layer at t = L-1 (every direction), which is what the box frames."""
    import torch
    from torch import nn

    from explainer.shapes import output_index

    cfg = ex.RNNConfig("GRU", 3, 4, 2, bidirectional=True, batch_first=batch_first)
    L, N = 5, 2
    module = nn.GRU(**cfg.module_kwargs())
    shape = (L, 3) if not batched else ((N, L, 3) if batch_first else (L, N, 3))
    with torch.no_grad():
        output, _ = module(torch.randn(shape))
    last = shapes.last_step(cfg, batched)
    assert last == ("output[:, -1]" if batch_first and batched else "output[-1]")
    per_direction = [eval(output_index(cfg, L - 1, d, batched), {"output": output}) for d in range(cfg.D)]  # noqa: S307
    torch.testing.assert_close(eval(last, {"output": output}), torch.cat(per_direction, -1), rtol=0, atol=0)  # noqa: S307
    for lang in i18n.LANGS:
        fig = figures.grid_figure(cfg, L, batched, lang)
        assert [a.text for a in fig.layout.annotations] == [last]
        rows = shapes.tensor_rows(cfg, L, N if batched else None, False, lang)
        why_h_n = next(r.why for r in rows if r.name == "h_n")
        for text in (
            why_h_n,
            i18n.t("shapes.grid_caption", lang, last=last),
            i18n.t("shapes.finals", lang, last=last),
        ):
            assert last in text and ("output[:, -1]" in text) == (batch_first and batched)


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_stateful_figures_pass_plotlys_validator_and_draw_every_step(lang):
    from explainer import train

    runs = {}
    for way in train.WAYS:
        run = train.stateful_start(way, 2, 0)
        run.steps = 3
        while not run.done:
            train.stateful_chunk(run, seconds=1.0)
        runs[way] = run
    for quantity in ("losses", "seconds", "saved"):
        fig = validated(figures.stateful_figure(runs, quantity, lang))
        assert [len(trace.y) for trace in fig.data] == [3, 3, 1, 3]  # carry: torch refused its second step
    saved = figures.stateful_figure(runs, "saved", lang).data[3].y
    assert list(saved) == [b / 1e3 for b in runs["retain"].saved]  # KB, as counted
