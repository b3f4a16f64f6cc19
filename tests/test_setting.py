"""The Setting: validated once on construction, a text sets L and N, and the caches key on it."""

import dataclasses

import pytest
import streamlit as st
import torch

from explainer.config import ConfigError, RNNConfig
from explainer.gradients import Controls
from explainer.setting import Setting

CFG = RNNConfig("LSTM", 3, 4, 2)


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("seq_len", {"seq_len": 0}),
        ("seq_len", {"seq_len": 513}),
        ("seq_len", {"seq_len": 2.0}),
        ("batch_size", {"batch_size": 0}),
        ("batch_size", {"batch_size": True}),
        ("source", {"source": "noise"}),
        ("seed", {"seed": -1}),
        ("text", {"source": "text", "text": ""}),
        ("text", {"source": "text", "text": "tab\there"}),
        ("dtype", {"dtype": "float16"}),
        ("device", {"device": "gpu"}),
        ("device", {"device": 0}),
    ],
)
def test_a_bad_field_is_refused_by_name_in_both_languages(field, kwargs):
    with pytest.raises(ConfigError) as err:
        Setting(**{"cfg": CFG, "seq_len": 5, "batch_size": 2} | kwargs)
    assert err.value.field == field
    assert field in err.value.localized("zh") and field in str(err.value)


def test_the_config_must_be_a_config():
    with pytest.raises(TypeError):
        Setting({"mode": "LSTM"}, 5, 2)


def test_a_text_sets_the_length_and_a_batch_of_one():
    batched = Setting(CFG, 30, 8, "text", text="hello")
    assert (batched.seq_len, batched.batch_size) == (5, 1)
    unbatched = Setting(CFG, 30, None, "text", text="hi")
    assert (unbatched.seq_len, unbatched.batch_size) == (2, None)
    other = Setting(CFG, 30, 8, "random", text="")  # the text is not the input: not checked
    assert (other.seq_len, other.batch_size) == (30, 8)


def test_the_device_is_resolved_once_and_torchs_names_are_kept():
    s = Setting(CFG, 5, 2, dtype="float64", device="auto")
    expected = "cuda" if torch.cuda.is_available() else "cpu"
    assert s.device == expected and s.torch_device == torch.device(expected)
    assert s.torch_dtype == torch.float64 and s.batched
    assert Setting(CFG, 5, 2, device=torch.device("cpu")).device == "cpu"
    assert not Setting(CFG, 5, None).batched


def test_equal_settings_are_equal_hashable_and_frozen():
    a, b = Setting(CFG, 5, 2, device="cpu"), Setting(CFG, 5, 2, device="cpu")
    assert a == b and hash(a) == hash(b) and len({a, b, Setting(CFG, 5, 3, device="cpu")}) == 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.seq_len = 6  # type: ignore[misc]
    assert dataclasses.replace(a, seed=3).seed == 3


def test_streamlits_cache_keys_on_the_setting_and_the_controls():
    calls = []

    @st.cache_data(max_entries=8)
    def computed(setting: Setting, controls: Controls) -> int:
        calls.append((setting, controls))
        return setting.seq_len

    a = Setting(CFG, 5, 2, device="cpu")
    assert computed(a, Controls()) == 5
    assert computed(Setting(CFG, 5, 2, device="cpu"), Controls()) == 5  # equal: a hit
    assert len(calls) == 1
    computed(dataclasses.replace(a, seed=1), Controls())  # one field differs: a miss
    computed(a, Controls(hh_scale=2.0))
    computed(dataclasses.replace(a, cfg=dataclasses.replace(CFG, hidden_size=5)), Controls())
    assert len(calls) == 4
    computed.clear()
