"""URL settings: forgiving parsing, strict validation, a visible note for every fallback."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

import explainer as ex
from explainer import i18n, inputs, run, settings
from explainer.gradients import FORGET_BIASES, HH_SCALES, MAX_NORMS


def test_empty_query_gives_defaults_without_notes():
    values, notes = settings.from_query({})
    assert values == settings.DEFAULTS and notes == []
    cfg, seq_len, batch = settings.validate(values)
    assert ex.shape_table(cfg, seq_len, batch)["input"] == (5, 3, 10)  # the seed article's example


@pytest.mark.parametrize(
    "query, field",
    [
        ({"hidden_size": "abc"}, "hidden_size"),
        ({"hh_scale": "huge"}, "hh_scale"),
        ({"hh_scale": "7"}, "hh_scale"),
        ({"max_norm": "nan"}, "max_norm"),
        ({"forget_bias": "2"}, "forget_bias"),
        ({"hidden_size": "99999"}, "hidden_size"),
        ({"num_layers": "-1"}, "num_layers"),
        ({"bidirectional": "maybe"}, "bidirectional"),
        ({"dropout": "lots"}, "dropout"),
        ({"dropout": "nan"}, "dropout"),
        ({"mode": "transformer"}, "mode"),
        ({"proj_size": "30"}, "proj_size"),
        ({"mode": "GRU", "proj_size": "3"}, "proj_size"),
        ({"mode": "LSTM", "nonlinearity": "relu"}, "nonlinearity"),
        ({"seq_len": "0"}, "seq_len"),
        ({"batch_size": "1e9"}, "batch_size"),
        ({"seed": "-4"}, "seed"),
        ({"source": "webcam"}, "source"),
        ({"text": ""}, "text"),
        ({"text": "x" * 65}, "text"),
        ({"dtype": "float16"}, "dtype"),
        ({"layer": "x"}, "layer"),
        ({"mode": "GRU", "quantity": "c"}, "quantity"),
    ],
)
def test_bad_values_fall_back_with_a_note(query, field):
    values, notes = settings.from_query(query)
    assert values[field] == settings.DEFAULTS[field]
    assert [n.error.field for n in notes if n.error] == [field]
    for lang in i18n.LANGS:
        text = notes[0].localized(lang)
        assert field in text and str(settings.DEFAULTS[field]) in text


def test_view_positions_are_clamped_to_the_shapes():
    values, notes = settings.from_query({"num_layers": "3", "layer": "2", "t": "7", "seq_len": "4"})
    assert (values["layer"], values["t"]) == (2, 3)
    assert [n.error.field for n in notes] == ["t"]
    text_values = settings.applicable(
        settings.DEFAULTS | {"source": "text", "text": "abc", "t": 10, "item": 2}
    )
    assert (text_values["t"], text_values["item"]) == (2, 0)
    settings.validate(values)


def test_unknown_keys_get_a_note_and_app_keys_none():
    values, notes = settings.from_query({"lang": "zh", "device": "cpu", "<script>": "1"})
    assert values == settings.DEFAULTS
    assert [n.unknown for n in notes] == ["<script>"]


def test_what_sharing_adds_to_a_link_is_ignored_quietly():
    """A link shared in a WeChat class group comes back with from= and isappinstalled= appended."""
    query = {"hidden_size": "8", "from": "singlemessage", "isappinstalled": "0", "utm_source": "qq"}
    values, notes = settings.from_query(query | {"spm": "a2c6h.1", "vd_source": "abc"})
    assert values["hidden_size"] == 8 and notes == []
    _, notes = settings.from_query({"hidden": "8"})  # a misspelt setting is still noted
    assert [n.unknown for n in notes] == ["hidden"]
    from explainer.settings import APP_KEYS, PAGE_KEYS, SHARING_KEYS

    assert not SHARING_KEYS & (set(settings.DEFAULTS) | set(APP_KEYS) | set(PAGE_KEYS))


def test_a_repeated_or_empty_key_never_raises():
    values, notes = settings.from_query({"hidden_size": ["4", "6"], "mode": []})
    assert values["hidden_size"] == 6 and values["mode"] == settings.DEFAULTS["mode"] and notes == []


def test_forgiving_spellings():
    values, notes = settings.from_query(
        {
            "mode": "gru",
            "bidirectional": "YES",
            "batch_first": "1",
            "hidden_size": " 7 ",
            "dropout": "0.5",
            "num_layers": ["1", "3"],
        }
    )
    assert notes == []
    assert (values["mode"], values["bidirectional"], values["batch_first"]) == ("GRU", True, True)
    assert (values["hidden_size"], values["dropout"], values["num_layers"]) == (7, 0.5, 3)


settings_values = st.fixed_dictionaries(
    {
        "mode": st.sampled_from(["RNN", "LSTM", "GRU"]),
        "input_size": st.integers(1, 1024),
        "hidden_size": st.integers(2, 64),
        "num_layers": st.integers(1, 8),
        "bidirectional": st.booleans(),
        "batch_first": st.booleans(),
        "bias": st.booleans(),
        "nonlinearity": st.sampled_from(["tanh", "relu"]),
        "dropout": st.sampled_from([0.0, 0.1, 0.5, 1.0]),
        "proj_size": st.integers(0, 1),
        "seq_len": st.integers(1, 512),
        "batch_size": st.integers(1, 256),
        "unbatched": st.booleans(),
        "pass_hx": st.booleans(),
        "seed": st.integers(0, 2**31 - 1),
        "source": st.sampled_from(inputs.SOURCES),
        "text": st.text(
            st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), min_size=1, max_size=64
        ).filter(str.isprintable),
        "dtype": st.sampled_from(["float32", "float64"]),
        "quantity": st.sampled_from(["h", "c", "i", "r", "n"]),
        "layer": st.integers(0, 7),
        "direction": st.integers(0, 1),
        "t": st.integers(0, 600),
        "item": st.integers(0, 300),
        "quiz_seed": st.integers(0, 2**31 - 1),
        "level": st.integers(1, 3),
        "question": st.integers(0, 9),
        "lengths": st.lists(st.integers(1, 48), min_size=1, max_size=12).map(
            lambda xs: ", ".join(map(str, xs))
        ),
        "enforce_sorted": st.booleans(),
        "present": st.booleans(),
        "demo": st.sampled_from(["char", "sine", "stateful"]),
        "hh_scale": st.sampled_from(HH_SCALES),
        "forget_bias": st.sampled_from(FORGET_BIASES),
        "max_norm": st.sampled_from(MAX_NORMS),
        "pattern": st.sampled_from(["many_to_one", "many_to_many", "seq2seq", "bidir"]),
    }
)


@given(values=settings_values, lang=st.sampled_from(i18n.LANGS))
def test_a_shared_link_reproduces_the_settings(values, lang):
    assert set(values) == set(settings.DEFAULTS), "a new setting needs a strategy here"
    values = settings.applicable(values)
    settings.validate(values)
    query = settings.to_query(values, lang)
    assert all(isinstance(v, str) for v in query.values())
    back, notes = settings.from_query(query)
    assert notes == [] and back == values
    assert settings.pick_lang(query.get("lang"), None) == lang


@given(query=st.dictionaries(st.sampled_from(list(settings.DEFAULTS) + ["x", "lang"]), st.text(max_size=40)))
def test_any_query_gives_valid_settings(query):
    values, notes = settings.from_query(query)
    settings.validate(values)
    for note in notes:
        assert note.localized("en") and note.localized("zh")


def test_pick_lang():
    assert settings.pick_lang("zh", "en-US") == "zh"
    assert settings.pick_lang(None, "zh-CN") == "zh"
    assert settings.pick_lang("fr", "en-GB") == "en"
    assert settings.pick_lang(None, None) == "en"


def test_app_keys_from_a_link_fall_back_with_a_note():
    app, notes = settings.read_app_keys({"lang": "zh", "device": "cpu"}, None, cuda=False)
    assert app == {"lang": "zh", "device": "cpu"} and notes == []
    app, notes = settings.read_app_keys({}, "zh-CN", cuda=False)
    assert app == {"lang": "zh", "device": "auto"} and notes == []
    app, notes = settings.read_app_keys({"lang": "fr", "device": "tpu"}, "en-GB", cuda=False)
    assert app == {"lang": "en", "device": "auto"}
    assert [n.error.field for n in notes] == ["lang", "device"]
    for lang in i18n.LANGS:
        assert "'fr'" in notes[0].localized(lang) and "zh" in notes[0].localized(lang)
    # a link made on a GPU machine, opened on a CPU server: runs on the CPU, and says so
    app, notes = settings.read_app_keys({"device": "cuda"}, None, cuda=False)
    assert app["device"] == "cuda" and run.resolve_device(app["device"]).type == "cpu"
    assert notes[0].default == "cpu" and i18n.t("rule.no_gpu", "zh") in notes[0].localized("zh")
    assert settings.read_app_keys({"device": "cuda"}, None, cuda=True)[1] == []


@pytest.mark.parametrize(
    "text", ["👨‍👩‍👧", "\u200fhello", "שלום\u200e!", "你好\u3000世界", "a\u00a0b", "x\ufe0f"]
)
def test_text_with_format_characters_and_spaces_is_accepted(text):
    """ZWJ sequences, RTL/LTR marks and other spaces show as text: a learner may type them."""
    from explainer.inputs import check_text

    assert check_text(text) == text
    values, notes = settings.from_query({"text": text, "source": "text"})
    assert values["text"] == text and notes == []


@pytest.mark.parametrize(
    "text, code", [("a\nb", "U+000A"), ("a\tb", "U+0009"), ("\x00", "U+0000"), ("a\u2028b", "U+2028")]
)
def test_control_characters_are_refused_with_the_value_escaped_once(text, code):
    from explainer.inputs import check_text
    from ui.frame import error_text

    with pytest.raises(ex.ConfigError) as err:
        check_text(text)
    assert err.value.value == text and err.value.rule == "text_printable"
    for lang in i18n.LANGS:
        message = err.value.localized(lang)
        assert repr(text) in message and code in message  # repr escapes once: 'a\nb', not 'a\\nb'
        assert "\\\\" not in message
        shown = error_text(err.value, lang)  # as Markdown: each backslash escaped once for the renderer
        assert "\n" not in shown and repr(text).replace("\\", "\\\\")[1:-1] in shown


def test_a_right_to_left_override_cannot_reorder_a_message():
    from ui.frame import literal

    assert "\u202e" not in literal("abc\u202edef") and "u202e" in literal("abc\u202edef")
    assert literal("👨\u200d👩") == "👨\\\\u200d👩"
