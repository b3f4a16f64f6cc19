"""RNNConfig accepts what torch accepts (within the app's limits) and names what it rejects."""

import math
import warnings

import pytest
from hypothesis import given
from hypothesis import strategies as st
from torch import nn

import explainer as ex
from explainer import i18n

BASE = dict(mode="LSTM", input_size=3, hidden_size=4)


def torch_accepts(kwargs: dict) -> bool:
    mode = kwargs["mode"]
    args = {k: v for k, v in kwargs.items() if k != "mode"}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            getattr(nn, mode)(**args, device="meta")
    except (ValueError, TypeError):
        return False
    return True


@pytest.mark.parametrize(
    "bad, field, rule",
    [
        (dict(mode="Transformer"), "mode", "choice"),
        (dict(input_size=0), "input_size", "range"),
        (dict(hidden_size=-1), "hidden_size", "range"),
        (dict(hidden_size=2.0), "hidden_size", "int"),
        (dict(num_layers=True), "num_layers", "int"),
        (dict(input_size=5000), "input_size", "range"),
        (dict(num_layers=0), "num_layers", "range"),
        (dict(bidirectional=1), "bidirectional", "bool"),
        (dict(dropout=1.5), "dropout", "dropout_range"),
        (dict(dropout=-0.1), "dropout", "dropout_range"),
        (dict(dropout=math.nan), "dropout", "number"),
        (dict(dropout="0.1"), "dropout", "number"),
        (dict(mode="GRU", proj_size=2), "proj_size", "lstm_only"),
        (dict(proj_size=4), "proj_size", "proj_lt_hidden"),
        (dict(proj_size=-1), "proj_size", "range"),
        (dict(mode="RNN", nonlinearity="sigmoid"), "nonlinearity", "choice"),
        (dict(mode="LSTM", nonlinearity="relu"), "nonlinearity", "rnn_only"),
        (dict(input_size=1024, hidden_size=1024, num_layers=8), "hidden_size", "too_many_params"),
    ],
)
def test_rejections_name_field_value_and_rule(bad, field, rule):
    with pytest.raises(ex.ConfigError) as info:
        ex.RNNConfig(**(BASE | bad))
    err = info.value
    assert (err.field, err.rule) == (field, rule)
    for lang in i18n.LANGS:
        text = err.localized(lang)
        assert field in text and str(bad[field])[:3] in text
    assert str(err) == err.localized("en")
    assert isinstance(err, ValueError)


@pytest.mark.parametrize(
    "bad",
    [
        dict(input_size=0),
        dict(num_layers=0),
        dict(dropout=1.5),
        dict(mode="GRU", proj_size=2),
        dict(proj_size=4),
        dict(mode="RNN", nonlinearity="sigmoid"),
    ],
)
def test_what_torch_rejects_is_rejected(bad):
    kwargs = BASE | bad
    assert not torch_accepts({k: v for k, v in kwargs.items()})
    with pytest.raises(ex.ConfigError):
        ex.RNNConfig(**kwargs)


@given(
    mode=st.sampled_from(["RNN", "LSTM", "GRU"]),
    input_size=st.integers(-2, 20),
    hidden_size=st.integers(-2, 20),
    num_layers=st.integers(-1, 4),
    dropout=st.one_of(st.floats(-0.5, 1.5), st.just(0.0)),
    proj_size=st.integers(-2, 25),
    nonlinearity=st.sampled_from(["tanh", "relu", "gelu"]),
)
def test_accepted_configs_are_accepted_by_torch(
    mode, input_size, hidden_size, num_layers, dropout, proj_size, nonlinearity
):
    kwargs = dict(
        mode=mode,
        input_size=input_size,
        hidden_size=hidden_size,
        num_layers=num_layers,
        dropout=dropout,
        proj_size=proj_size,
        nonlinearity=nonlinearity,
    )
    try:
        cfg = ex.RNNConfig(**kwargs)
    except ex.ConfigError:
        return
    assert torch_accepts({"mode": cfg.mode, **cfg.module_kwargs()})


@given(
    mode=st.sampled_from(["RNN", "LSTM", "GRU"]),
    input_size=st.integers(-2, 20),
    hidden_size=st.integers(-2, 20),
    num_layers=st.integers(-1, 4),
    dropout=st.floats(-0.5, 1.5),
    proj_size=st.integers(-2, 25),
)
def test_torch_rejections_are_config_errors(mode, input_size, hidden_size, num_layers, dropout, proj_size):
    kwargs = dict(input_size=input_size, hidden_size=hidden_size, num_layers=num_layers, dropout=dropout)
    if mode == "LSTM" or proj_size:
        kwargs["proj_size"] = proj_size
    if not torch_accepts({"mode": mode, **kwargs}):
        with pytest.raises(ex.ConfigError):
            ex.RNNConfig(mode=mode, **kwargs)


def test_config_is_frozen_and_hashable():
    cfg = ex.RNNConfig(**BASE)
    with pytest.raises(AttributeError):
        cfg.hidden_size = 5
    assert hash(cfg) == hash(ex.RNNConfig(**BASE))


def test_letters():
    cfg = ex.RNNConfig("LSTM", 3, 8, 2, bidirectional=True, proj_size=5)
    assert (cfg.D, cfg.H_out, cfg.H_cell, cfg.G) == (2, 5, 8, 4)
