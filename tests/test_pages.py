"""Each page under Streamlit's AppTest, in both languages, with an interaction and bad links."""

import json

import pytest
from streamlit.testing.v1 import AppTest
from tests_paths import APP

import explainer as ex
from explainer import equations, i18n, settings, snippet
from explainer.setting import Setting
from ui.pages import PAGES

TIMEOUT = 120  # importing torch alone takes seconds on this machine


def open_page(page: str | None, **query: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def address(at: AppTest) -> dict[str, str]:
    """The address the frame shows for the session.

    The module settings are bound to the address (bind="query-params"): after a change in a
    widget the browser writes its parameter, and AppTest has no browser, so this is the address
    as the frame last wrote it, the bound settings included (tests/e2e/test_url.py checks the
    browser's).
    """
    return at.session_state["_written"]


def shown_keys(at: AppTest, kind: str, where=None) -> set[str]:
    """Keys of the ``kind`` widgets a reader sees (``where``: the sidebar; default the whole app).

    A page without the module settings keeps their widgets in a hidden block (ui/sidebar.py).
    """
    where = where or at
    hidden = [
        b for b in at.sidebar.children.values() if str(getattr(b.proto, "id", "")).endswith("unused_settings")
    ]
    return {w.key for w in where.get(kind)} - {w.key for b in hidden for w in b.get(kind)}


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.code]
    parts += [t.value.to_string() for t in at.table]
    return "\n".join(parts)


def page_expanders(at: AppTest, lang: str) -> list:
    """The page's own expanders, without the frame's (phone settings, sharing, figure tables)."""
    frame = {i18n.t(k, lang) for k in ("phone.settings_plain", "share.title", "a11y.figure_table")}
    phone = i18n.t("phone.settings", lang, module="")
    return [e for e in at.expander if e.label not in frame and not e.label.startswith(phone)]


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_home(lang):
    at = open_page(None, lang=lang)
    assert at.title[0].value == i18n.t("app.title", lang)
    assert i18n.t("letter.H_cell", lang) in texts(at)
    assert not at.error
    # every page is listed with its own purpose line, and each link carries the session's settings
    captions = [c.value for c in at.caption]
    links = list(at.get("page_link"))
    for page in PAGES[1:]:
        assert page.purpose and i18n.t(page.purpose, lang) in captions
    assert len({link.proto.page for link in links}) == len(PAGES)
    assert {link.proto.query_string for link in links} == {f"lang={lang}"}  # the defaults are not written


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_shapes_page_default_and_interaction(lang):
    at = open_page("views/1_Shapes.py", lang=lang)
    assert at.title[0].value == i18n.t("shapes.title", lang)
    assert not at.error
    body = texts(at)
    assert "(5, 3, 20)" in body  # output of nn.LSTM(10, 20, 2) on (5, 3, 10)
    assert "(D·num_layers, N, H_out)" in body
    cfg = ex.RNNConfig("LSTM", 10, 20, 2)
    call = snippet.constructor_call(cfg)
    n = len(ex.shape_table(cfg, 5, 3)) - 3  # input, h_0 and c_0 are accepted, not produced
    expected = i18n.t("shapes.verdict_ok", lang, n=n, call=call, device="CPU", accepted="input, h_0, c_0")
    assert at.success[0].value == expected
    assert len(at.get("plotly_chart")) == 1

    at.number_input(key="hidden_size").set_value(30).run()
    assert not at.exception
    body = texts(at)
    assert "(5, 3, 30)" in body and "(5, 3, 20)" not in body
    assert address(at)["hidden_size"] == "30"

    at.checkbox(key="bidirectional").check().run()
    assert "(5, 3, 60)" in texts(at)
    assert "(4, 3, 30)" in texts(at)  # h_n: D·num_layers = 4 rows


def test_settings_survive_a_page_switch():
    at = open_page(None, lang="zh", hidden_size="7", mode="GRU")
    at.switch_page("views/1_Shapes.py").run()
    assert at.session_state["_values"]["hidden_size"] == 7
    assert "(5, 3, 7)" in texts(at)
    assert at.radio(key="mode").value == "GRU"


def test_a_setting_the_mode_rules_out_leaves_the_link_in_the_run_that_switches_mode():
    """proj_size's widget still holds 5 when the run that switches to GRU starts: the address, the
    page links and the students' link must not carry it (each student would get a note)."""
    at = open_page("views/1_Shapes.py", mode="LSTM", proj_size="5", lang="en")
    at.radio(key="mode").set_value("GRU").run()
    assert address(at) == {"lang": "en", "mode": "GRU"}
    links = [p.proto.query_string for p in at.get("page_link")]
    assert links and all("mode=GRU" in q and "proj_size" not in q for q in links)


def test_bad_link_falls_back_with_a_visible_note():
    at = open_page("views/1_Shapes.py", hidden_size="lots", proj_size="99")
    # Notes show on the first page the link opens (home, here): no traceback, defaults used.
    assert not at.exception and not at.error
    assert at.session_state["_values"]["hidden_size"] == 20
    assert "(5, 3, 20)" in texts(at)


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_bad_link_note_on_first_page(lang):
    at = open_page(None, lang=lang, hidden_size="lots")
    assert any("hidden_size" in w.value for w in at.warning)


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_a_bad_link_to_the_debugger_is_noted_there(lang):
    at = open_page(None, lang=lang)
    at.query_params["hidden_size"] = "lots"  # a link followed from elsewhere, straight to the debugger
    at.switch_page("views/4_Debugger.py").run()
    assert not at.exception
    assert any("hidden_size" in w.value for w in at.warning)


def test_unknown_language_or_device_in_a_link_is_noted():
    at = open_page(None, lang="fr", device="tpu")
    assert not at.exception
    notes = " ".join(w.value for w in at.warning)
    assert "'fr'" in notes and "'tpu'" in notes


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_invalid_combination_is_explained_not_crashed(lang):
    at = open_page("views/1_Shapes.py", lang=lang)
    at.number_input(key="proj_size").set_value(25).run()  # > hidden_size 20
    assert not at.exception
    assert len(at.error) == 1
    message = at.error[0].value
    assert "proj_size" in message and "25" in message and "20" in message
    assert message.startswith(i18n.t("guard.invalid", lang))


def test_dropout_with_one_layer_shows_torchs_warning():
    at = open_page("views/1_Shapes.py", num_layers="1", dropout="0.5")
    assert any("non-zero dropout expects num_layers greater than 1" in w.value for w in at.warning)


def test_language_switch_in_sidebar():
    at = open_page("views/1_Shapes.py", lang="en")
    at.selectbox(key="w_lang").set_value("zh").run()
    assert at.title[0].value == i18n.t("shapes.title", "zh")
    assert at.query_params["lang"] == "zh"


@pytest.mark.parametrize("lang", i18n.LANGS)
@pytest.mark.parametrize("mode", ["RNN", "LSTM", "GRU"])
def test_hidden_states_page(lang, mode):
    at = open_page("views/2_Hidden_states.py", lang=lang, mode=mode, bidirectional="true")
    assert not at.error
    assert at.success[0].value.startswith(i18n.t("hs.ok", lang, diff="", tol="")[:6])
    assert len(at.get("plotly_chart")) == 2
    backed = page_expanders(at, lang)[0].label
    assert ("c_n" in backed) == (mode == "LSTM")  # only an LSTM returns a c_n to check against
    tables = len(at.table)
    at.session_state["hs_backed"] = True  # the agreement table is built when its expander is opened
    at.run()
    assert len(at.table) == tables + 1 and len(at.table[-1].value) == 2 * 2 + 1 + (mode == "LSTM")
    at.selectbox(key="w_layer").set_value(1).run()
    assert not at.exception and at.query_params["layer"] == "1"
    if mode != "RNN":
        gate = settings.quantities(mode)[-1]
        at.selectbox(key="w_quantity").set_value(gate).run()
        assert not at.exception and not at.error
        assert i18n.t(f"q.{gate}", lang) in " ".join(s.value for s in at.subheader)


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_hidden_states_text_and_sine(lang):
    at = open_page("views/2_Hidden_states.py", lang=lang, source="text", text="hello world")
    assert not at.error
    assert "L = 11" in " ".join(c.value for c in at.caption)
    at.text_input(key="w_text").set_value("").run()
    assert not at.exception
    assert "text" in at.error[0].value  # empty text: the rule, not a crash
    at.text_input(key="w_text").set_value("hi").run()
    assert not at.error and "L = 2" in " ".join(c.value for c in at.caption)
    at.selectbox(key="w_source").set_value("sine").run()
    assert not at.exception and not at.error


LARGE = dict(
    mode="LSTM", num_layers="3", bidirectional="true", hidden_size="256", seq_len="200", batch_size="32"
)


@pytest.mark.parametrize("lang", i18n.LANGS)
@pytest.mark.parametrize(
    "page", ["views/2_Hidden_states.py", "views/3_Equations.py", "views/6_Packed.py", "views/8_Gradients.py"]
)
def test_guard_refuses_with_the_estimate_and_offers_settings_that_fit(page, lang):
    query = LARGE | {"lengths": "48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48"}
    at = open_page(page, lang=lang, **query)
    assert not at.exception
    assert not at.warning  # the link itself was valid: the guard refused the work
    message = at.error[0].value
    assert "GFLOP" in message and "MB" in message and ("s " in message or "秒" in message)
    offers = [b for b in at.button if (b.key or "").startswith("budget_apply")]
    assert 1 <= len(offers) <= 3
    offers[0].click().run()  # take the closest setting that fits
    assert not at.exception and not at.error, page


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_gradients_page_says_what_the_numbers_say_and_follows_its_controls(lang):
    from explainer import gradients as grad

    at = open_page("views/8_Gradients.py", lang=lang, seq_len="40", max_norm="5")
    assert at.title[0].value == i18n.t("grad.title", lang) and not at.error
    assert len(at.get("plotly_chart")) == 3  # the four recurrences, the module's layers, the checks
    assert len(at.success) == 3  # the Jacobian products (tanh, relu) and the forget-gate product
    cfg = ex.RNNConfig("LSTM", 10, 20, 2)
    report = grad.gradient_report(
        Setting(cfg, 40, 3, "random", dtype="float64", device="cpu"), grad.Controls(max_norm=5.0)
    )
    body = texts(at)
    for claim in grad.claims(report, lang):
        assert claim in body
    assert grad.clip_sentence(report, lang) in body and grad.cell_path_sentence(report, lang) in body
    assert not any("def rnn_input_gradients" in c.value for c in at.code)  # the code is built when opened
    tables = len(at.table)
    at.session_state["grad_source"] = at.session_state["grad_check_table"] = True  # built when opened
    at.run()
    names = [i18n.t(f"grad.check_name.{c.name}", lang) for c in report.checks]
    assert len(at.table) == tables + 1 and list(at.table[-1].value.columns)[1:] == names
    codes = [c.value for c in at.code]
    assert all(source.strip() in codes for source in grad.manual_sources().values())
    assert grad.manual_sources()["rnn"].startswith("def rnn_input_gradients")
    assert i18n.t("grad.source", lang) in [c.value for c in at.caption]

    at.select_slider(key="w_hh_scale").set_value(3.0).run()  # the relu RNN explodes
    assert not at.exception and not at.error and at.query_params["hh_scale"] == "3.0"
    hot = grad.gradient_report(
        Setting(cfg, 40, 3, "random", dtype="float64", device="cpu"),
        grad.Controls(hh_scale=3.0, max_norm=5.0),
    )
    relu = grad.claims(hot, lang)[1]
    assert relu in texts(at) and relu not in body
    assert grad.verdict(grad.ratio_first_last(hot.compared["RNN (relu)"])) == "explodes"

    at.radio(key="w_forget_bias").set_value("1").run()  # the LSTM keeps more
    assert not at.exception and not at.error and at.query_params["forget_bias"] == "1"
    one = grad.gradient_report(
        Setting(cfg, 40, 3, "random", dtype="float64", device="cpu"),
        grad.Controls(hh_scale=3.0, forget_bias="1", max_norm=5.0),
    )
    assert grad.claims(one, lang)[2] in texts(at)
    assert one.compared["LSTM"][0] > hot.compared["LSTM"][0]

    at.slider(key="grad_seq_len").set_value(60).run()  # the sidebar is hidden on phones and projectors
    assert not at.exception and not at.error and address(at)["seq_len"] == "60"
    assert at.number_input(key="seq_len").value == 60  # the sidebar follows
    longer = grad.gradient_report(
        Setting(cfg, 60, 3, "random", dtype="float64", device="cpu"),
        grad.Controls(hh_scale=3.0, forget_bias="1", max_norm=5.0),
    )
    assert grad.claims(longer, lang)[0] in texts(at)


def test_gradients_page_bad_link_values_fall_back_with_a_note():
    at = open_page(None)
    at.query_params.update(hh_scale="9", forget_bias="2")  # a link followed straight to the page
    at.switch_page("views/8_Gradients.py").run()
    assert not at.exception and not at.error
    notes = " ".join(w.value for w in at.warning)
    assert "hh_scale" in notes and "forget_bias" in notes
    assert at.select_slider(key="w_hh_scale").value == 1.0


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_shapes_page_checks_a_large_setting_on_meta_over_a_prefix(lang):
    at = open_page("views/1_Shapes.py", lang=lang, **LARGE)
    assert not at.exception and not at.error
    cfg = ex.RNNConfig("LSTM", settings.from_query(LARGE)[0]["input_size"], 256, 3, bidirectional=True)
    report = ex.run_check(cfg, 200, 32, device="cpu")
    note = i18n.t("shapes.on_meta_short", lang, checked=report.seq_len, seq_len=200)
    assert note in at.info[0].value
    assert "(200, 32, 512)" in texts(at)  # the table still shows the whole sequence


@pytest.mark.parametrize("lang", i18n.LANGS)
@pytest.mark.parametrize("mode", ["RNN", "LSTM", "GRU"])
def test_equation_page(lang, mode):
    at = open_page("views/3_Equations.py", lang=lang, mode=mode, num_layers="2", bidirectional="true")
    assert not at.error
    assert len(at.get("latex")) >= len(equations.equations(ex.RNNConfig(mode, 10, 20)))
    assert not any("_step(" in c.value for c in at.code)  # the sources are built when opened
    at.session_state["step_source"] = True
    at.run()
    assert "_step(" in at.code[-1].value  # the manual step's own source
    assert i18n.t("eq.source_caption", lang) in [c.value for c in at.caption]
    at.selectbox(key="w_direction").set_value(1).run()
    at.selectbox(key="w_t").set_value(4).run()  # the reverse direction's first step
    assert not at.exception and not at.error
    assert i18n.t("eq.prev_init", lang) in " ".join(c.value for c in at.caption)
    at.radio(key="w_dtype").set_value("float64").run()
    assert not at.exception
    assert "1e-10" in " ".join(m.value for m in at.markdown)


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_debugger_page_diagnoses_fixes_and_rechecks(lang):
    at = open_page("views/4_Debugger.py", lang=lang)
    assert at.error[0].value == f"**{i18n.t('dbgp.torch_says', lang, line=7, kind='RuntimeError')}**"
    assert at.code[0].value == "RuntimeError: Expected hidden[0] size (4, 3, 20), got [2, 3, 20]"
    at.button(key="dbg_recheck").click().run()
    assert not at.exception and not at.error
    assert at.success[0].value == i18n.t("dbgp.ok", lang)
    at.selectbox(key="dbg_example").set_value("gru_tuple").run()
    assert "AttributeError" in at.code[0].value
    at.text_area(key="dbg_code").set_value("import os\nos.remove('x')\n").run()
    # nothing of os runs here; the page says so rather than a bare "runs without error"
    said = at.warning[0].value.replace("\\", "")  # the page escapes Markdown in the message
    assert not at.exception and i18n.t("dbg.w.not_run", lang, line=2, call="os.remove") in said
    at.radio(key="dbg_mode").set_value("form").run()
    assert not at.exception and "Expected hidden[0] size (2, 3, 20)" in " ".join(c.value for c in at.code)
    at.text_input(key="dbgf_x").set_value("five by three").run()
    assert not at.exception and "input" in at.error[0].value


def test_debugger_page_renders_user_text_as_text():
    at = open_page("views/4_Debugger.py")
    at.text_area(key="dbg_code").set_value("import torch\nx = torch.randn(2, **3)\n<b>hi</b>\n").run()
    assert not at.exception
    assert all("<b>" not in m.value or "\\<b\\>" in m.value for m in at.markdown)


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_quiz_page(lang):
    from explainer import quiz

    at = open_page("views/5_Quiz.py", lang=lang, quiz_seed="11", level="3")
    assert not at.error
    q = quiz.make_question(11, 3, 0)
    at.text_input(key="quiz_answer_11_3_0").input(
        quiz.show_answer(q, "en") if q.kind != "raises" else ("yes" if q.answer else "no")
    )
    at.button[0].click().run()
    assert not at.exception
    assert at.success[0].value == i18n.t("quiz.correct", lang, answer=quiz.show_answer(q, lang))
    assert i18n.t("quiz.score", lang, right=1, answered=1) in [c.value for c in at.caption]
    at.button(key="quiz_next").click().run()
    assert at.query_params["question"] == "1"
    at.text_input(key="quiz_answer_11_3_1").input("no idea")
    at.button[0].click().run()
    assert not at.exception and at.info


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_packed_page(lang):
    at = open_page("views/6_Packed.py", lang=lang, bidirectional="true")
    assert not at.error and len(at.get("plotly_chart")) == 2  # the padded batch, then .data itself
    assert i18n.t("pk.data_caption", lang, sizes=[3, 3, 2, 1, 1]) in [c.value for c in at.caption]
    assert len(at.table[0].value) == 3
    at.text_input(key="w_lengths").set_value("2, 6, 4").run()
    at.checkbox(key="w_enforce_sorted").check().run()
    assert not at.exception and "sorted in decreasing order" in at.error[0].value
    at.text_input(key="w_lengths").set_value("six").run()
    assert not at.exception and "lengths" in at.error[0].value


def projector_css(at: AppTest) -> bool:
    return any('section[data-testid="stSidebar"]' in h.proto.body for h in at.get("html"))


def test_presentation_mode_from_the_url():
    at = open_page("views/1_Shapes.py", present="true")
    assert projector_css(at)  # the projector stylesheet
    assert at.button(key="present_exit")
    assert "present" not in at.query_params  # the address a teacher copies never carries it
    at.button(key="present_exit").click().run()
    assert not at.exception and "present" not in at.query_params
    assert not projector_css(at)


@pytest.mark.parametrize("page", ["views/1_Shapes.py", "views/2_Hidden_states.py", "views/3_Equations.py"])
def test_pages_offer_exports(page):
    at = open_page(page)
    assert not at.get("download_button")  # the panel is built when opened
    labels = downloads(at)
    assert i18n.t("exp.snippet", "en") in labels
    assert any(label.endswith("interactive HTML") for label in labels)


def downloads(at: AppTest) -> list[str]:
    """The labels in the exports panel, opened (it is drawn only while open)."""
    at.session_state["exports"] = True
    at.run()
    return [b.label for b in at.get("download_button")]


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_packed_page_exports_its_own_script_and_numbers(lang):
    at = open_page("views/6_Packed.py", lang=lang)
    labels = downloads(at)
    for key in ("exp.packed_script", "exp.packed_npz", "exp.packed_rows", "exp.packed_sequences"):
        assert i18n.t(key, lang) in labels
    assert i18n.t("exp.snippet", lang) not in labels  # the generic module script would not pack anything
    for name in ("packed_batch", "packed_data"):
        assert i18n.t("exp.html", lang, name=name) in labels


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_quiz_page_exports_the_questions_script(lang):
    at = open_page("views/5_Quiz.py", lang=lang)
    assert downloads(at) == [i18n.t("exp.quiz_script", lang)]


def test_pages_say_when_no_png_renderer_is_available(monkeypatch):
    from explainer import export

    monkeypatch.setattr(export, "_chromium", lambda: None)
    at = open_page("views/6_Packed.py")
    assert not any(label.endswith(": PNG") for label in downloads(at))
    assert i18n.t("exp.no_png", "en") in [c.value for c in at.caption]


@pytest.mark.parametrize("lang", i18n.LANGS)
@pytest.mark.parametrize("demo", ["char", "sine"])
def test_training_page(lang, demo):
    at = open_page("views/7_Training.py", lang=lang, demo=demo)
    assert at.info[0].value == i18n.t("tr.idle", lang)
    assert downloads(at) == [i18n.t("exp.train_script", lang)]  # before a run: the script
    at.button(key="train_start").click().run()
    assert not at.exception and not at.error
    assert at.success[0].value.startswith(i18n.t("tr.done", lang, first="", last="")[:6])
    labels = downloads(at)
    assert i18n.t("exp.train_script", lang) in labels and i18n.t("exp.losses_csv", lang) in labels
    assert i18n.t("exp.html", lang, name="loss_curve") in labels
    if demo == "sine":
        assert i18n.t("exp.html", lang, name="sine_prediction") in labels


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_training_step_count_is_validated(lang):
    at = open_page("views/7_Training.py", lang=lang)
    at.number_input(key="w_train_steps").set_value(5000).run()
    assert not at.exception
    message = at.error[0].value
    assert "steps" in message and "5000" in message and "10" in message and "500" in message
    assert not [b for b in at.button if b.key == "train_start"]  # nothing to start until it is fixed
    at.number_input(key="w_train_steps").set_value(20).run()
    assert not at.error
    at.button(key="train_start").click().run()
    assert not at.exception and not at.error
    assert i18n.t("tr.progress", lang, step=20, total=20, loss="", seconds="", device="")[:4] in str(
        at.get("progress")[0].proto
    )
    at.switch_page("views/1_Shapes.py").run()
    at.switch_page("views/7_Training.py").run()
    assert at.number_input(key="w_train_steps").value == 20  # kept for the session


def test_training_page_offers_only_the_settings_it_uses():
    at = open_page("views/7_Training.py", seed="7", hidden_size="33")
    keys = shown_keys(at, "number_input")
    assert "hidden_size" not in keys  # the demos build their own models
    assert at.number_input(key="w_seed").value == 7  # the seed from the link still drives the run
    at.number_input(key="w_seed").set_value(8).run()
    assert address(at)["seed"] == "8" and address(at)["hidden_size"] == "33"


def test_training_shows_the_students_text_as_text():
    text = "<b>*x*</b> [a](b) :red[c] $y$"
    at = open_page("views/7_Training.py", text=text.replace(" ", "+"))
    at.text_input(key="w_text").set_value(text).run()
    at.number_input(key="w_train_steps").set_value(10).run()
    at.button(key="train_start").click().run()
    assert not at.exception and not at.error
    shown = [m.value for m in at.markdown] + [c.value for c in at.caption]
    assert not any(part in m for m in shown for part in ("<b>", "*x*", "[a](b)", ":red[", "$y$"))
    codes = [c.value for c in at.code if not c.value.startswith("class SeedRNN")]  # not the article's model
    assert len(codes) == 3 and codes[0] and codes[2][0] == text[0]  # predicted, true, generated
    assert codes[1] == text[1:]  # the true next characters, exactly as typed


def test_a_links_text_is_shown_literally_when_it_falls_back():
    at = open_page(None, text="[click](http://example.com)" + "x" * 40)  # notes show on the first page
    note = " ".join(w.value for w in at.warning)
    assert "\\[click\\]\\(http\\://example\\.com\\)" in note and "[click](" not in note
    assert not at.exception and not at.error


def test_module_settings_are_hidden_where_unused_and_kept_in_the_link():
    at = open_page(None, lang="zh", hidden_size="7", mode="GRU")
    at.switch_page("views/4_Debugger.py").run()
    assert not at.exception
    keys = shown_keys(at, "number_input", at.sidebar) | shown_keys(at, "radio", at.sidebar)
    assert "hidden_size" not in keys and "mode" not in keys and "seed" not in keys
    assert at.selectbox(key="w_lang").value == "zh" and at.toggle(key="w_present") is not None
    assert address(at)["hidden_size"] == "7" and address(at)["mode"] == "GRU"
    at.switch_page("views/5_Quiz.py").run()
    assert "hidden_size" not in shown_keys(at, "number_input", at.sidebar)
    assert address(at)["hidden_size"] == "7"
    at.switch_page("views/1_Shapes.py").run()
    assert at.number_input(key="hidden_size").value == 7 and at.radio(key="mode").value == "GRU"
    assert "(5, 3, 7)" in texts(at)


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_quiz_retry_is_practice_not_scored(lang):
    from explainer import quiz

    at = open_page("views/5_Quiz.py", lang=lang, quiz_seed="11", level="3")
    q = quiz.make_question(11, 3, 0)
    wrong = "yes" if q.kind == "raises" and not q.answer else "no" if q.kind == "raises" else "1, 1, 1"
    right = quiz.show_answer(q, "en") if q.kind != "raises" else ("yes" if q.answer else "no")
    at.text_input(key="quiz_answer_11_3_0").input(wrong)
    at.button[0].click().run()
    assert at.error and not at.info
    at.text_input(key="quiz_answer_11_3_0").input(right)
    at.button[0].click().run()
    assert not at.exception
    assert at.success[0].value == i18n.t("quiz.correct", lang, answer=quiz.show_answer(q, lang))
    first = i18n.t("quiz.first.wrong", lang)
    assert at.info[0].value == i18n.t("quiz.practice", lang, first=first)
    assert i18n.t("quiz.score", lang, right=0, answered=1) in [c.value for c in at.caption]


def test_user_text_in_a_message_is_shown_literally():
    from ui.frame import error_text, literal

    err = ex.ConfigError("lengths", "*a* <b>x</b> [l](u) :red[c] &amp;", "lengths", n=12, hi=48)
    for lang in i18n.LANGS:
        message = error_text(err, lang)
        assert "*a*" not in message and "<b>" not in message and "[l](u)" not in message
        assert literal(repr(err.value)) in message and "48" in message
    assert literal("a\nb") == "a b"  # one line: no Markdown block can start


def test_a_page_without_module_settings_is_not_stopped_by_them():
    at = open_page("views/1_Shapes.py")
    at.number_input(key="proj_size").set_value(25).run()  # > hidden_size: invalid
    assert at.error
    at.switch_page("views/5_Quiz.py").run()
    assert not at.exception and not at.error  # the quiz does not use it, and could not fix it
    assert at.text_input(key="quiz_answer_0_1_0") is not None
    at.switch_page("views/1_Shapes.py").run()
    assert "proj_size" in at.error[0].value  # kept for the page that uses it


def follow(at: AppTest, link) -> AppTest:
    """Click an st.page_link as the browser does: go to its page with the link's parameters only."""
    from urllib.parse import parse_qsl

    at.query_params = dict(parse_qsl(link.proto.query_string))
    page = {"": "views/0_Home.py", "Shapes": "views/1_Shapes.py"}[link.proto.page]
    return at.switch_page(page).run()


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_quiz_link_opens_the_questions_module_in_the_shapes_explorer(lang):
    from explainer import quiz

    # The student's own settings (GRU, hidden 7) differ from the question's module.
    at = open_page("views/5_Quiz.py", lang=lang, quiz_seed="2", level="2", mode="GRU", hidden_size="7")
    q = quiz.make_question(2, 2, 0)  # c_n of nn.LSTM(10, 8, 2, bidirectional, batch_first) on (2, 6, 10)
    at.text_input(key="quiz_answer_2_2_0").input(quiz.show_answer(q, "en"))
    at.button[0].click().run()
    link = next(p for p in at.page_link if p.value == i18n.t("quiz.explore", lang))
    follow(at, link)
    assert not at.exception and not at.error
    values = at.session_state["_values"]
    assert {k: values[k] for k in quiz.question_settings(q)} == quiz.question_settings(q)
    assert at.radio(key="mode").value == "LSTM" and at.number_input(key="hidden_size").value == 8
    table = ex.shape_table(q.cfg, q.seq_len, q.batch_size)
    assert str(table["output"]) in texts(at) and str(table["c_n"]) in texts(at)
    assert address(at)["hidden_size"] == "8" and "mode" not in address(at)  # LSTM: the default
    assert at.query_params["lang"] == lang
    # The quiz's place travels with the link: back on the quiz, the same question set.
    assert (values["quiz_seed"], values["level"]) == (2, 2)
    at.number_input(key="seq_len").set_value(9).run()  # a change after the link is kept
    assert "(2, 9, 16)" in texts(at) and address(at)["seq_len"] == "9"
    at.switch_page("views/5_Quiz.py").run()  # the sidebar's link: the session's settings
    assert at.text_input(key="quiz_answer_2_2_0") is not None
    assert at.session_state["_values"]["seq_len"] == 9


def test_a_page_switch_without_parameters_keeps_the_sessions_settings():
    at = open_page("views/1_Shapes.py", lang="zh", hidden_size="7", mode="GRU")
    at.number_input(key="seq_len").set_value(4).run()
    at.query_params = {}  # st.page_link / st.switch_page without query_params clear the address
    at.switch_page("views/2_Hidden_states.py").run()
    assert not at.exception
    values = at.session_state["_values"]
    assert (values["hidden_size"], values["seq_len"], at.session_state["_app"]["lang"]) == (7, 4, "zh")
    assert address(at)["hidden_size"] == "7" and address(at)["mode"] == "GRU"


def test_a_link_to_a_debugger_example_opens_it_and_stays_in_the_address():
    from explainer.debugger.examples import EXAMPLES

    at = open_page("views/4_Debugger.py", lang="en", hidden_size="7")
    at.text_area(key="dbg_code").set_value("x = 1\n").run()
    at.query_params = {"lang": "zh", "example": "seed_002_rnn"}
    at.switch_page("views/4_Debugger.py").run()
    assert not at.exception and not at.warning  # no "unknown setting" note for example
    assert at.text_area(key="dbg_code").value == EXAMPLES["seed_002_rnn"].code
    assert at.session_state["_app"]["lang"] == "zh"
    assert address(at)["example"] == "seed_002_rnn" and "hidden_size" not in address(at)
    at.text_area(key="dbg_code").set_value("x = 2\n").run()  # edited: the link no longer shows it
    assert "example" not in at.query_params
    assert at.text_area(key="dbg_code").value == "x = 2\n"
    at.query_params = {"lang": "en", "example": "no_such_example"}
    at.switch_page("views/4_Debugger.py").run()
    assert not at.exception and "no\\_such\\_example" in at.warning[0].value


@pytest.mark.parametrize("lang", i18n.LANGS)
@pytest.mark.parametrize("batch_first", [False, True])
def test_packed_page_names_the_last_step_in_the_modules_layout(lang, batch_first):
    from explainer import packed

    at = open_page("views/6_Packed.py", lang=lang, bidirectional="true", batch_first=str(batch_first).lower())
    assert not at.exception and not at.error
    last = "output[:, -1]" if batch_first else "output[-1]"
    cfg = ex.RNNConfig("LSTM", 10, 20, 2, bidirectional=True, batch_first=batch_first)
    report = packed.packed_report(cfg, [5, 3, 2], False)
    columns = list(at.table[0].value.columns)
    assert columns[2:] == packed.proof_columns(cfg, lang) and len(columns) == 6  # both directions
    title = i18n.t("pk.proof", lang, last=last)
    assert title in [s.value for s in at.main.subheader]
    assert packed.proof_note(cfg, report, lang) in [c.value for c in at.caption]
    shown = " ".join(
        [title, *columns, *(c.value for c in at.main.caption), *(m.value for m in at.main.markdown)]
    )
    assert last in shown and ("output[:, -1]" in shown) == batch_first
    reverse = at.table[0].value[columns[4]].tolist()
    assert reverse == [f"{c.reverse_vs_first:.2e}" for c in report.checks]


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_shapes_page_names_the_last_step_in_the_modules_layout(lang):
    at = open_page("views/1_Shapes.py", lang=lang, bidirectional="true", batch_first="true")
    assert not at.exception and not at.error
    shown = texts(at) + "\n".join(c.value for c in at.main.caption)
    assert "output[:, -1]" in shown and "output[-1]" not in shown  # (N, L, ...): output[-1] is a batch item
    grid = json.loads(at.get("plotly_chart")[0].proto.spec)  # the dotted box's label
    assert [a["text"] for a in grid["layout"]["annotations"]] == ["output[:, -1]"]
    at.checkbox(key="batch_first").uncheck().run()
    shown = texts(at) + "\n".join(c.value for c in at.main.caption)
    assert "output[-1]" in shown and "output[:, -1]" not in shown


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_training_refuses_a_one_character_text_and_the_text_source_keeps_it(lang):
    at = open_page("views/7_Training.py", lang=lang, text="a")
    assert not at.exception
    message = at.error[0].value
    assert (
        "text" in message and "2" in message and i18n.t("error.unexpected", lang, kind="")[:8] not in message
    )
    assert not [b for b in at.button if b.key == "train_start"]  # nothing to start until it is fixed
    at.text_input(key="w_text").set_value("ab").run()
    assert not at.error
    at.number_input(key="w_train_steps").set_value(10).run()
    at.button(key="train_start").click().run()
    assert not at.exception and not at.error and at.success
    at.text_input(key="w_text").set_value("a").run()
    at.switch_page("views/2_Hidden_states.py").run()
    at.selectbox(key="w_source").set_value("text").run()
    assert not at.exception and not at.error  # one character is one step of the layer: fine there
    assert at.success and "L = 1" in " ".join(c.value for c in at.caption)


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_an_emoji_family_is_text_and_a_newline_is_refused_once_escaped(lang):
    family = "hi 👨‍👩‍👧"  # h, i, space, then 👨 ZWJ 👩 ZWJ 👧: eight code points, one step each
    at = open_page("views/2_Hidden_states.py", lang=lang, source="text", text=family)
    assert not at.exception and not at.error and not at.warning
    assert "L = 8" in " ".join(c.value for c in at.caption)
    assert at.success  # the equations by hand still equal the real module on it
    at.text_input(key="w_text").set_value("a\nb").run()
    message = at.error[0].value
    assert "U+000A" in message and "'a\\\\nb'" in message and "\\\\\\\\n" not in message


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_patterns_page_shows_each_pattern_as_torch_ran_it(lang):
    from explainer import patterns

    at = open_page("views/9_Patterns.py", lang=lang, mode="LSTM", bidirectional="true", hidden_size="6")
    cfg = ex.RNNConfig("LSTM", 10, 6, 2, bidirectional=True)
    for pattern in patterns.PATTERNS:
        at.radio(key="w_pattern").set_value(pattern).run()
        assert not at.exception and at.query_params.get("pattern", "many_to_one") == pattern
        report = patterns.pattern_report(pattern, cfg, 5, 3, patterns.DEFAULT_CLASSES, 0, lang)
        shown = at.table[0].value
        assert list(shown[i18n.t("col.shape", lang)]) == [str(r.shape) for r in report.rows]
        # the only error on the page is torch's own message for the classic mistake
        errors = [e.value for e in at.error]
        assert errors == ([i18n.t("pat.torch_says", lang)] if report.mistake_error else [])
        if report.mistake_error:
            assert report.mistake_error in [c.value for c in at.code]
        assert patterns.snippet(report).strip() in [c.value.strip() for c in at.code]
        assert i18n.t("exp.patterns_script", lang) in downloads(at)
    assert i18n.t("pat.leak_bidir", lang) in [w.value for w in at.warning]  # the last one: bidir
    at.checkbox(key="bidirectional").uncheck().run()
    assert not at.exception and i18n.t("pat.leak_uni", lang) in [s.value for s in at.success]


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_patterns_page_refuses_bad_classes_and_large_settings(lang):
    at = open_page("views/9_Patterns.py", lang=lang)
    at.number_input(key="w_pat_classes").set_value(500).run()
    assert not at.exception and "classes" in at.error[0].value and "32" in at.error[0].value
    at.number_input(key="w_pat_classes").set_value(4).run()
    assert not at.exception and not at.error
    at = open_page("views/9_Patterns.py", lang=lang, pattern="seq2seq", **LARGE)
    assert not at.exception and "GFLOP" in at.error[0].value
    offers = [b for b in at.button if (b.key or "").startswith("budget_apply")]
    assert offers
    offers[0].click().run()
    # torch's message for the mistake, nothing else
    assert not at.exception and at.table and [e.value for e in at.error] == [i18n.t("pat.torch_says", lang)]


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_training_page_stateful_section(lang):
    from explainer import train

    at = open_page("views/7_Training.py", lang=lang, demo="stateful")
    assert at.info[0].value == i18n.t("st.idle", lang)
    error, _, _ = train.last_batch_error(train.STREAMS, train.STREAMS - 4)
    assert [e.value for e in at.error] == [i18n.t("st.torch_says", lang)]  # the smaller batch
    assert f"RuntimeError: {error}" in [c.value for c in at.code]
    at.number_input(key="w_tbptt_k").set_value(99).run()
    assert not at.exception and "k" in at.error[0].value and "50" in at.error[0].value
    assert not [b for b in at.button if b.key == "stateful_start"]  # nothing to start until it is fixed
    at.number_input(key="w_tbptt_k").set_value(2).run()
    at.button(key="stateful_start").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        i18n.t("st.torch_raised", lang, step=2),
        i18n.t("st.torch_says", lang),
    ]
    # torch's own messages: the second backward through a freed graph, the in-place update, the batch
    codes = [c.value for c in at.code]
    assert any(
        c.startswith("RuntimeError: Trying to backward through the graph a second time") for c in codes
    )
    assert any("modified by an inplace operation" in c for c in codes)
    assert len(at.get("plotly_chart")) == 3
    assert i18n.t("exp.stateful_csv", lang) in downloads(at)
    for name in ("stateful_loss", "stateful_time_per_step", "stateful_graph"):
        assert i18n.t("exp.html", lang, name=name) in downloads(at)
    at.radio(key="w_demo").set_value("sine").run()
    assert not at.exception and at.info[0].value == i18n.t("tr.idle", lang)


def test_patterns_page_offers_a_decoder_that_fits():
    query = dict(pattern="seq2seq", mode="RNN", num_layers="1", bidirectional="true", hidden_size="1024")
    at = open_page("views/9_Patterns.py", **query)
    assert not at.exception and "2048" in at.error[0].value
    at.button(key="budget_apply_0").click().run()
    assert not at.exception and at.number_input(key="hidden_size").value == 512
    assert at.table and [e.value for e in at.error] == [i18n.t("pat.torch_says", "en")]


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_phone_settings_control_names_the_module_and_opens_the_settings(lang):
    """Below a phone width the sidebar is closed: the top of the page has a labelled way in."""
    at = open_page("views/1_Shapes.py", lang=lang, mode="GRU", bidirectional="true")
    from ui.frame import literal  # noqa: PLC0415 - streamlit-side helper

    label = i18n.t("phone.settings", lang, module=literal("nn.GRU(10, 20, 2) ↔"))  # shown as typed
    assert [e.label for e in at.expander if e.label == label]
    assert "m_hidden_size" not in {w.key for w in at.get("number_input")}  # closed: nothing runs
    at.session_state["phone_settings"] = True  # what opening it does
    at.run()
    at.number_input(key="m_hidden_size").set_value(7).run()
    assert not at.exception and address(at)["hidden_size"] == "7"
    assert at.number_input(key="hidden_size").value == 7  # the sidebar shows the same setting
    assert "(5, 3, 14)" in texts(at)  # output of the bidirectional GRU(10, 7): D·H_out = 14
    # the control now names the new module and has closed over nothing: the result is in view
    label = i18n.t("phone.settings", lang, module=literal("nn.GRU(10, 7, 2) ↔"))
    assert [e for e in at.expander if e.label == label]
    assert "m_hidden_size" not in {w.key for w in at.get("number_input")}
    at.session_state["phone_settings"] = True
    at.run()
    other = "en" if lang == "zh" else "zh"
    at.selectbox(key="m_lang").set_value(other).run()
    assert at.title[0].value == i18n.t("shapes.title", other) and at.query_params["lang"] == other


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_phone_settings_on_a_page_with_its_own_modules_offers_the_language(lang):
    at = open_page("views/5_Quiz.py", lang=lang)
    assert [e for e in at.expander if e.label == i18n.t("phone.settings_plain", lang)]
    at.session_state["phone_settings"] = True
    at.run()
    assert at.selectbox(key="m_lang").value == lang and not at.exception
    assert "m_hidden_size" not in {w.key for w in at.get("number_input")}


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_share_with_students_gives_the_clean_link_and_a_qr_code(lang):
    at = open_page("views/1_Shapes.py", lang=lang, mode="GRU", present="true")
    at.session_state["share_main"] = True  # the projector's own share control, opened
    at.run()
    assert not at.exception
    links = [c.value for c in at.code if "mode=GRU" in c.value]
    assert links and all("present" not in link and f"lang={lang}" in link for link in links)
    qr = [h.proto.body for h in at.get("html") if 'class="qr"' in h.proto.body]
    assert qr and f'alt="{i18n.t("share.qr", lang)}"' in qr[0]
    assert [e for e in at.expander if e.label == i18n.t("share.title", lang)]


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_quiz_progress_survives_a_reload(lang):
    """WeChat reloads pages: the first verdicts ride in the link (answered=r-w), never in a shared one."""
    from explainer import quiz

    at = open_page("views/5_Quiz.py", lang=lang, quiz_seed="11", level="3")
    q = quiz.make_question(11, 3, 0)
    wrong = "yes" if q.kind == "raises" and not q.answer else "no" if q.kind == "raises" else "1, 1, 1"
    at.text_input(key="quiz_answer_11_3_0").input(wrong)
    at.button[0].click().run()
    assert at.query_params["answered"] == "w"
    at.button(key="quiz_next").click().run()
    assert at.query_params["answered"] == "w" and at.query_params["question"] == "1"
    reloaded = AppTest.from_file(str(APP), default_timeout=TIMEOUT)  # a new session on the quiz's address
    for key in at.query_params:
        reloaded.query_params[key] = at.query_params[key]
    reloaded.switch_page("views/5_Quiz.py").run()
    assert not reloaded.exception
    assert i18n.t("quiz.score", lang, right=0, answered=1) in [c.value for c in reloaded.caption]
    assert reloaded.query_params["answered"] == "w" and reloaded.query_params["question"] == "1"
    reloaded.button(key="quiz_prev").click().run()  # the reloaded question 1 is still scored: practice
    assert i18n.t("quiz.scored", lang, first=i18n.t("quiz.first.wrong", lang)) in [
        c.value for c in reloaded.caption
    ]


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_every_figure_has_its_numbers_as_a_table(lang):
    """A figure's text alternative: a table of what it draws, built only when opened."""
    at = open_page("views/1_Shapes.py", lang=lang, mode="GRU", bidirectional="true")
    label = i18n.t("a11y.figure_table", lang)
    assert [e for e in at.expander if e.label == label]
    tables = len(at.table)
    at.session_state["grid_table"] = True
    at.run()
    assert not at.exception and len(at.table) == tables + 1
    shown = [t.value for t in at.table if "series" in t.value.columns][0]
    assert len(shown) == 2 * 2 * 5 + 4  # every state of the 2-layer bidirectional grid, then h_n's rows
    assert shown["text"].str.contains("h_n\\[3\\]").any()
