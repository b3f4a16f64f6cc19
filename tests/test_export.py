"""Exports: the traced numbers round-trip exactly, figures render as HTML and (with Chromium) PNG."""

import io

import numpy as np
import plotly.graph_objects as go
import pytest
import torch

import explainer as ex
from explainer import export, figures
from explainer.setting import Setting


@pytest.fixture(scope="module")
def report():
    return ex.trace_report(
        Setting(ex.RNNConfig("LSTM", 3, 4, 2, bidirectional=True), 5, 2, "random", device="cpu")
    )


def test_npz_holds_every_traced_number(report):
    arrays = np.load(io.BytesIO(export.trace_npz(report.trace, report.data.x)))
    assert set(arrays.files) == {
        "input",
        "h",
        "c",
        "output",
        "h_n",
        "c_n",
        "gate_i",
        "gate_f",
        "gate_g",
        "gate_o",
    }
    assert np.array_equal(arrays["h"], report.trace.h.numpy())
    assert np.array_equal(arrays["gate_f"], report.trace.gates["f"].numpy())
    torch.testing.assert_close(torch.from_numpy(arrays["output"]), report.module_output, rtol=0, atol=1e-5)


def test_csv_has_one_row_per_number(report):
    lines = export.trace_csv(report.trace, "c").splitlines()
    assert lines[0] == "layer,direction,t,item,unit,value"
    assert len(lines) - 1 == report.trace.c.numel()
    layer, direction, t, item, unit, value = lines[-1].split(",")
    assert float(value) == pytest.approx(
        report.trace.c[int(layer), int(direction), int(t), int(item), int(unit)].item()
    )


def test_figure_html_is_self_contained(report):
    fig = figures.grid_figure(report.cfg, 5, True, "zh")
    html = export.figure_html(fig)
    assert "<html>" in html and "Plotly.newPlot" in html and "<script src=" not in html  # plotly.js inlined


@pytest.mark.skipif(not export.png_available(), reason="no Chromium for kaleido on this machine")
def test_png_through_the_warm_renderer(report):
    fig = figures.grid_figure(report.cfg, 5, True, "en")
    png = export.figure_png(fig)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000
    assert export.figure_png(fig)[:8] == b"\x89PNG\r\n\x1a\n"  # second call: the same warm server


TINY = dict(data=[dict(type="bar", y=[1, 2])], layout=dict(width=120, height=90))


@pytest.mark.skipif(not export.png_available(), reason="no Chromium for kaleido on this machine")
def test_the_renderer_is_started_once_in_the_background_and_then_warm():
    thread = export.warm_png(force=True)
    assert export.warm_png(force=True) is thread  # once per process
    if thread is not None:  # None: an earlier PNG in this process started it already
        assert thread.daemon
        thread.join(timeout=120)
    assert export.png_warm() and export.png_available() and export.png_failure() is None
    assert export.png_state() == "warm"
    png = export.figure_png(go.Figure(**TINY))  # its time (a warm PNG 0.3-0.4 s) is in make bench
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_warming_can_be_turned_off_and_needs_a_renderer(monkeypatch):
    monkeypatch.setattr(export, "_warm_thread", None)
    monkeypatch.setattr(export, "_png_warm", False)
    monkeypatch.setenv(export.WARM_ENV, "0")
    assert export.warm_png() is None
    assert export.png_state() == "cold"  # the page says the first PNG takes a few seconds
    monkeypatch.setattr(export, "_chromium", lambda: None)
    assert not export.png_available()
    assert export.warm_png(force=True) is None


def test_a_renderer_that_fails_to_start_is_reported_not_offered(monkeypatch):
    class Broken:
        def to_image(self, **kwargs):
            raise RuntimeError("Chromium exited with code 1")

    monkeypatch.setattr(export, "_chromium", lambda: "/usr/bin/chromium")
    monkeypatch.setattr(export, "_png_started", True)  # pretend the server is up
    monkeypatch.setattr(export, "_png_warm", False)
    monkeypatch.setattr(export, "_png_failed", None)
    with pytest.raises(RuntimeError):
        export.figure_png(Broken())
    assert not export.png_available()
    assert "Chromium exited" in export.png_failure()
