"""Shape debugger: paste code, get torch's own verdict, the line, every shape, and a fix."""

import pandas as pd
import streamlit as st

import explainer as ex
from explainer import config
from explainer.__main__ import render as report
from explainer.debugger.examples import EXAMPLES
from explainer.debugger.form import bind_values, form_snippet, names_to_ask
from explainer.settings import MAX_RAW_LEN
from ui import cache
from ui.frame import current, literal
from ui.render import md_text, numbered

fr = current()
st.title(fr.t("dbgp.title"))
st.markdown(fr.t("dbgp.purpose"))
fr.show_notes()  # link values that fell back (the module settings are not this page's: no guard)
lang = fr.lang
ss = st.session_state
linked = (fr.link or {}).get("example")  # ?example=<key>: open on that example (a first visit or a link)
if linked in EXAMPLES:
    ss["dbg_code"], ss["dbg_example"], ss["dbg_mode"] = EXAMPLES[linked].code, linked, "code"
elif linked is not None:
    st.warning(fr.t("dbgp.example_unknown", name=literal(linked[:MAX_RAW_LEN])))
if "dbg_code" not in ss:
    ss["dbg_code"] = EXAMPLES["hx_layers"].code


def load_example() -> None:
    key = ss["dbg_example"]
    if key in EXAMPLES:
        ss["dbg_code"] = EXAMPLES[key].code


def load_fixed(code: str) -> None:
    ss["dbg_code"] = code


mode = st.radio(
    fr.t("dbgp.input_mode"),
    ("code", "form"),
    horizontal=True,
    key="dbg_mode",
    format_func=lambda m: fr.t(f"dbgp.mode_{m}"),
)
source = None
with fr.safe():
    if mode == "code":
        options = ["", *sorted(EXAMPLES, key=lambda k: not EXAMPLES[k].mistake)]  # mistakes first
        st.selectbox(
            fr.t("dbgp.example"),
            options,
            key="dbg_example",
            on_change=load_example,
            format_func=lambda k: fr.t("dbgp.example_none") if not k else fr.t(f"dbgx.{k}"),
        )
        st.text_area(fr.t("dbgp.code"), key="dbg_code", height=260, max_chars=20_000)
        shown = ss.get("dbg_example")
        if shown in EXAMPLES and EXAMPLES[shown].code == ss["dbg_code"]:  # unedited: a link can open it
            fr.keep_in_link("example", shown)
        st.button(fr.t("dbgp.check"), type="primary")
        source = ss["dbg_code"]
    else:
        c1, c2, c3, c4 = st.columns(4)
        f_mode = c1.selectbox("mode", config.MODES, index=1, key="dbgf_mode")
        f_in = c2.number_input("input_size", 1, 1024, 10, key="dbgf_in")
        f_hidden = c3.number_input("hidden_size", 1, 1024, 20, key="dbgf_hidden")
        f_layers = c4.number_input("num_layers", 1, 8, 2, key="dbgf_layers")
        c1, c2, c3 = st.columns(3)
        f_bf = c1.checkbox("batch_first", key="dbgf_bf")
        f_bi = c2.checkbox("bidirectional", key="dbgf_bi")
        f_proj = c3.number_input("proj_size", 0, 1023, 0, key="dbgf_proj") if f_mode == "LSTM" else 0
        c1, c2, c3 = st.columns(3)
        f_x = c1.text_input(fr.t("dbgp.form_x"), "(5, 3, 10)", key="dbgf_x", max_chars=40)
        f_h0 = c2.text_input(fr.t("dbgp.form_h0"), "(1, 3, 20)", key="dbgf_h0", max_chars=40)
        f_c0 = (
            c3.text_input(fr.t("dbgp.form_c0"), "(1, 3, 20)", key="dbgf_c0", max_chars=40)
            if f_mode == "LSTM"
            else ""
        )
        try:
            source = form_snippet(
                f_mode, int(f_in), int(f_hidden), int(f_layers), f_bi, f_bf, int(f_proj), f_x, f_h0, f_c0
            )
        except ex.ConfigError as err:
            st.error(err.localized(lang))
        if source:
            st.caption(fr.t("dbgp.form_code"))
            st.code(source, language="python")

    if source:
        # names the code never defines: their values, typed below, go in front of it as code;
        # values it computes but the check cannot know (a file's size): they stand in where computed
        given = ss.get("dbg_given", {})  # name -> the statement where its value stands in
        asked = names_to_ask(source, ss.get("dbg_asked", []), [], given) if mode == "code" else []
        values = {name: ss.get(f"dbg_val_{name}", "") for name in asked}
        try:
            checked = bind_values(source, values, lang, given)
        except ex.ConfigError as err:
            st.error(err.localized(lang))
            checked = source
        d = cache.diagnosis(checked, lang)  # in a limited worker process, never in this one
        if mode == "code":
            new = list(d.unresolved)
            if d.unknown is not None and d.unknown.asked:
                given = ss["dbg_given"] = {**given, d.unknown.name: d.unknown.statement}
                new.append(d.unknown.name)
            asked = ss["dbg_asked"] = names_to_ask(source, asked, new, given)
        if d.ok:
            st.success(fr.t("dbgp.ok"))
        elif d.refused:
            st.warning(md_text(d.refused))
        else:
            st.error(f"**{fr.t('dbgp.torch_says', line=d.line, kind=d.error_type)}**")
            st.code(f"{d.error_type}: {d.error}", language=None, wrap_lines=True)
            st.markdown(f"**{fr.t('dbgp.why')}** — {md_text(d.explanation)}")
        if d.unresolved:
            st.info(md_text(fr.t("dbgp.unresolved", names=", ".join(d.unresolved))))
        if asked:
            st.caption(fr.t("dbgp.values_unknown" if all(n in given for n in asked) else "dbgp.values"))
            for col, name in zip(st.columns(min(len(asked), 4)) * 2, asked, strict=False):
                col.text_input(
                    f"{name} =",
                    key=f"dbg_val_{name}",
                    max_chars=40,
                    placeholder="32  ·  (5, 3, 10)",
                    help=fr.t("dbgp.value_help"),
                )
        if d.line or checked != source:  # with values in front, the code checked is shown whole
            st.caption(fr.t("dbgp.values_used" if checked != source else "dbgp.where"))
            st.code(numbered(checked, d.line), language=None)
        for w in d.warnings:
            st.warning(md_text(w.message))
            if w.fix:  # the silent mistake's fix, checked like the error's (explainer/debugger/findings.py)
                st.code(w.fix, language="python")
        if d.fix:
            st.subheader(fr.t("dbgp.fix"))
            st.code(d.fix, language="python")
            after = d.after_fix
            if after is not None and after.ok:
                st.success(fr.t("dbgp.after_ok"))
            elif after is not None and after.error_type:
                st.warning(fr.t("dbgp.after_error", line=after.line, kind=after.error_type))
                st.code(f"{after.error_type}: {after.error}", language=None, wrap_lines=True)
            elif after is not None:
                st.info(fr.t("dbgp.after_unknown"))
            if box := fr.opened(fr.t("dbgp.fixed"), "dbg_fixed"):
                box.code(d.fixed_source, language="python")
            if mode == "code":
                st.button(
                    fr.t("dbgp.recheck"), on_click=load_fixed, args=(d.fixed_source,), key="dbg_recheck"
                )
        if d.steps:
            st.subheader(fr.t("dbgp.steps"))
            rows = [
                {
                    fr.t("dbgp.col.line"): str(line),
                    fr.t("dbgp.col.name"): name,
                    fr.t("dbgp.col.shape"): str(shape),
                }
                for line, name, shape in d.steps
            ]
            st.table(pd.DataFrame(rows), hide_index=True)
        if box := fr.opened(fr.t("exp.title"), "dbg_exports"):
            with box:
                for key, data, file_name, mime in (
                    ("fixed", d.fixed_source, "fixed.py", "text/x-python"),
                    ("code", checked, "checked.py", "text/x-python"),
                    ("steps", d.steps_csv() if d.steps else None, "shapes.csv", "text/csv"),
                    ("report", report(d, "snippet.py", lang), "diagnosis.txt", "text/plain"),
                ):
                    if data:
                        st.download_button(
                            fr.t(f"dbgp.exp_{key}"),
                            data,
                            file_name=file_name,
                            mime=mime,
                            key=f"dbg_exp_{key}",
                            on_click="ignore",
                        )
