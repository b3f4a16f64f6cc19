"""The frame every page calls first: language, device and the shared settings, all kept in the URL.

Settings live in ``st.session_state["_values"]`` (plain data that survives page switches) and
are mirrored into widgets keyed ``w_<name>`` and into the query string, so a copied link
reproduces the view. Everything that decides anything is in ``explainer``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
import torch

import explainer as ex
from explainer import export, i18n, run, share, snippet
from explainer import settings as settings_mod
from explainer.config import LIMITS, MODES, NONLINEARITIES
from explainer.figures import for_projector
from explainer.settings import HTML_LANG, MAX_RAW_LEN
from ui import style
from ui.pages import PAGES
from ui.render import figure_rows, md_text

LANG_NAMES = {"en": "English", "zh": "中文"}
# The note under the PNG buttons, by export.png_state() ("none": no renderer on this server).
PNG_NOTES = {
    "none": "exp.no_png",
    "cold": "exp.png_cold",
    "starting": "exp.png_note",
    "warm": "exp.png_ready",
}
# What the sidebar's module and input sections set (hidden on pages that do not use them).
SIDEBAR_FIELDS = frozenset(
    ("mode", "input_size", "hidden_size", "num_layers", "bidirectional", "batch_first", "bias")
    + ("nonlinearity", "dropout", "proj_size", "seq_len", "unbatched", "batch_size", "pass_hx", "seed")
)
DEVICES = settings_mod.DEVICES
log = logging.getLogger(__name__)


def torch_threads() -> int:
    """Torch threads per server process: EXPLAINER_TORCH_THREADS, default 1.

    Many sessions share a process and `make serve` runs one process per core, so one thread each
    keeps the cores from being oversubscribed; with two threads on a busy 2-core machine a tiny
    forward pass went from 0.5 ms to ~9 ms (spinning threads waiting for each other).
    """
    raw = os.environ.get("EXPLAINER_TORCH_THREADS", "1")
    return int(raw) if raw.isdecimal() and 1 <= int(raw) <= 256 else 1


def pin_torch_threads() -> None:
    """Apply the thread count in the calling thread; frame() does it on every rerun.

    Streamlit runs each rerun in a new thread, and torch's OpenMP thread count is per thread:
    a new thread reports torch.get_num_threads() == 1 yet oneDNN's LSTM ran on every core.
    Measured on this 2-core machine with the other core busy: a tiny LSTM took 8.75 ms in a
    fresh thread against 0.37 ms once set there (0.3 us a call).
    """
    torch.set_num_threads(torch_threads())


pin_torch_threads()


@dataclass
class Frame:
    """What a page needs from the frame: the language, the device and the validated settings."""

    lang: str
    values: dict[str, Any]
    device: torch.device
    cfg: ex.RNNConfig | None
    seq_len: int
    batch_size: int | None  # None: unbatched
    error: ex.ConfigError | None
    query: dict[str, str]  # the shareable settings, for links to other pages
    notes: list[settings_mod.Note]  # link values that fell back to defaults
    figures: list[tuple[str, Any]] = field(default_factory=list)  # (name, figure) placed by chart()
    module_settings: bool = True  # the sidebar shows the module and input settings (the page uses them)
    link: dict[str, str] | None = None  # the link this run arrived by, when it came with parameters

    def t(self, key: str, **params: object) -> str:
        return i18n.t(key, self.lang, **params)

    @property
    def present(self) -> bool:
        return bool(self.values.get("present"))

    def chart(self, fig: Any, key: str, name: str, container: Any = None) -> None:
        """Place a Plotly figure (one screen tall on a projector) and offer it for export.

        ``container`` (an ``st.empty()``, a column) places it there; a figure drawn again under
        the same name (a loss curve that grows) replaces the one offered for export.
        """
        if self.present:
            fig = for_projector(go.Figure(fig))
        (container or st).plotly_chart(fig, key=key)
        self.figures = [(n, f) for n, f in self.figures if n != name] + [(name, fig)]
        if container is None:  # a figure redrawn in place (a live loss curve) gets its table when done
            self.figure_table(fig, key)

    def figure_table(self, fig: Any, key: str) -> None:
        """The figure's numbers as a table under it (its text alternative), built only when opened."""
        box = st.expander(self.t("a11y.figure_table"), key=f"{key}_table", on_change="rerun")
        if box.open:
            rows, cut = figure_rows(fig)
            with box:
                st.table(pd.DataFrame(rows), hide_index=True)  # an HTML table: screen readers read it
                if cut:
                    st.caption(self.t("a11y.figure_table_cut", rows=len(rows)))

    def exports(
        self,
        trace: Any = None,
        x: Any = None,
        quantity: str | None = None,
        *,
        script: export.Download | None = None,
        files: Sequence[export.Download] = (),
    ) -> None:
        """The page's downloads: a runnable script, every figure, traced numbers and the page's own files.

        ``script`` replaces the script for the sidebar's settings (a page that runs something
        else: a quiz question, a packed batch, a training run); a page without module settings
        offers none unless it passes one. ``files`` are the page's numbers (CSV, .npz).
        """
        if script is None and self.cfg is not None and self.module_settings:
            source = snippet.snippet(
                self.cfg, self.seq_len, self.batch_size, self.values["pass_hx"], self.values["seed"]
            )
            script = export.Download(self.t("exp.snippet"), source, "rnn_shapes.py", "text/x-python")
        with st.expander(self.t("exp.title")):
            if script is not None:
                st.download_button(
                    script.label,
                    script.data,
                    file_name=script.file_name,
                    mime=script.mime,
                    key="exp_snippet",
                    on_click="ignore",
                )
            png = export.png_available()
            if png and self.figures:
                export.warm_png()  # once per process, in the background: the first PNG click is warm
            for name, fig in self.figures:
                label = name.replace(" ", "_")
                st.download_button(
                    self.t("exp.html", name=name),
                    lambda fig=fig: export.figure_html(fig),
                    file_name=f"{label}.html",
                    mime="text/html",
                    key=f"exp_html_{label}",
                    on_click="ignore",
                )
                if png:
                    st.download_button(
                        self.t("exp.png", name=name),
                        lambda fig=fig: export.figure_png(fig),
                        file_name=f"{label}.png",
                        mime="image/png",
                        key=f"exp_png_{label}",
                        on_click="ignore",
                    )
            if self.figures:
                state = export.png_state() if png else "none"
                st.caption(self.t(PNG_NOTES[state]))
            if trace is not None:
                st.download_button(
                    self.t("exp.npz"),
                    lambda: export.trace_npz(trace, x),
                    file_name="trace.npz",
                    mime="application/octet-stream",
                    key="exp_npz",
                    on_click="ignore",
                )
                if quantity:
                    st.download_button(
                        self.t("exp.csv", q=quantity),
                        lambda: export.trace_csv(trace, quantity),
                        file_name=f"trace_{quantity}.csv",
                        mime="text/csv",
                        key="exp_csv",
                        on_click="ignore",
                    )
            for item in files:
                st.download_button(
                    item.label,
                    item.data,
                    file_name=item.file_name,
                    mime=item.mime,
                    key=f"exp_file_{item.file_name}",
                    on_click="ignore",
                )

    def link_with(self, settings: dict[str, Any]) -> dict[str, str]:
        """A link with the session's settings and ``settings`` in their place (a quiz question's module).

        A link is the whole configuration: opening it replaces the session's settings, so it
        carries everything else too (the quiz's place, the language, the device).
        """
        query = settings_mod.to_query(settings_mod.applicable({**self.values, **settings}), self.lang)
        if "device" in self.query:
            query["device"] = self.query["device"]
        return query

    def keep_in_link(self, name: str, value: str) -> None:
        """Add a page's own key (the debugger's ``example``) to the address, so a copied link keeps it."""
        st.query_params[name] = value
        st.session_state["_written"] = {**st.session_state["_written"], name: value}

    def bind(self, name: str, default: Any = None, key: str | None = None) -> dict[str, Any]:
        """Widget kwargs for a page's own setting: shown from, and stored into, the shared settings.

        A name that is not a shared (URL) setting is kept for the session with ``default`` as its
        first value: it survives page switches but is not part of the link. ``key`` gives a second
        widget for a setting the sidebar already shows (the gradients page's sequence length,
        where the sidebar is hidden on a phone or a projector).
        """
        if name not in settings_mod.DEFAULTS:
            st.session_state["_app"].setdefault(name, default)
        return _bind(name, key)

    def bounds(self) -> dict[str, int]:
        """Largest valid layer, direction, t and item for the current settings (0 when invalid)."""
        try:
            return {k: max(v, 0) for k, v in settings_mod.view_bounds(self.values).items()}
        except TypeError:
            return dict.fromkeys(settings_mod.VIEW, 0)

    def show_notes(self) -> None:
        """Values from the shared link that were replaced, each with its reason (shown once)."""
        for note in self.notes:
            st.warning(note_text(note, self.lang))

    def guard(self) -> None:
        """Show link notes; on invalid settings say which field breaks which rule and stop.

        A page without the module settings is not stopped by them: it does not use them, and
        its sidebar could not fix them (they stay as they are for the pages that do).
        """
        self.show_notes()
        if self.error is not None and (self.module_settings or self.error.field not in SIDEBAR_FIELDS):
            st.error(i18n.join(self.lang, self.t("guard.invalid"), error_text(self.error, self.lang)))
            st.info(self.t("guard.fix"))
            st.stop()

    def refuse(self, err: ex.ConfigError) -> None:
        """A refused setting: why, and for one refused for its cost, a button per setting that fits."""
        st.error(error_text(err, self.lang))
        for i, option in enumerate(getattr(err, "options", [])[:3]):
            setting = ", ".join(f"{k} = {v}" for k, v in option.items())
            st.button(
                self.t("budget.apply", setting=setting),
                key=f"budget_apply_{i}",
                on_click=_apply,
                args=(option,),
            )

    def device_notice(self, report: Any) -> None:
        """Say so when the GPU failed and this result was computed on the CPU instead."""
        if getattr(report, "fallback", None):
            st.warning(self.t("device.fallback", reason=report.fallback))

    @contextlib.contextmanager
    def safe(self) -> Iterator[None]:
        """No traceback reaches a page: a refused setting is explained, anything else is a short message."""
        try:
            yield
        except ex.ConfigError as err:
            self.refuse(err)
        except Exception as err:  # noqa: BLE001 - st.stop() is a BaseException and passes through
            log.exception("page failed with settings %s", self.values)
            st.error(self.t("error.unexpected", kind=type(err).__name__))


def literal(text: str) -> str:
    """User text inside a Markdown message, shown as typed: no markup, link, image, emoji or entity.

    Format characters (a right-to-left override, a zero-width joiner) are shown by their code
    (``\\u202e``): inside one of our sentences they would reorder or hide its words.
    """
    text = "".join(f"\\u{ord(ch):04x}" if unicodedata.category(ch) == "Cf" else ch for ch in str(text))
    return md_text(" ".join(text.split())).replace("&", "\\&").replace(":", "\\:")


def error_text(err: ex.ConfigError, lang: str) -> str:
    """The refusal in ``lang``, with the value the user typed (or the link carried) shown literally."""
    message = err.localized(lang)
    if isinstance(err.value, str):  # ConfigError shows a text value as its repr
        shown = repr(err.value)
        message = message.replace(shown, literal(shown))
    return message


def note_text(note: settings_mod.Note, lang: str) -> str:
    """A link value that fell back, with whatever the link carried shown literally."""
    if note.unknown is not None:
        return i18n.t("note.unknown", lang, name=literal(note.unknown[:MAX_RAW_LEN]))
    return i18n.t("note.fallback", lang, msg=error_text(note.error, lang), default=note.default)


def _apply(option: dict[str, int]) -> None:
    """on_click: take a smaller setting the guard suggested."""
    st.session_state["_values"].update(option)


def _sync(name: str, key: str | None = None) -> None:
    """on_change: a widget's new value becomes the setting (runs before the script reruns)."""
    value = st.session_state[key or f"w_{name}"]
    st.session_state["_values" if name in settings_mod.DEFAULTS else "_app"][name] = value


def _bind(name: str, key: str | None = None) -> dict[str, Any]:
    """Widget kwargs that show the stored setting and store the user's changes.

    Widget state is dropped on a page switch, so the key is re-seeded from the stored settings
    on every run (before the widget exists, which Streamlit allows). ``key`` tells apart two widgets
    for one setting: the sidebar's (``w_<name>``, the default), the phone's at the top of the page
    (``m_<name>``), a page's own (the gradients page's ``grad_seq_len``).
    """
    ss = st.session_state
    store = ss["_values"] if name in settings_mod.DEFAULTS else ss["_app"]
    key = key or f"w_{name}"
    ss[key] = store[name]
    return {"key": key, "on_change": _sync, "args": (name, key)}


def _arrive() -> dict[str, str] | None:
    """Read a link: the session's first run, or a navigation within it that carried parameters.

    A navigation with parameters (the quiz's link to its module, the sidebar, a link with an
    example) replaces the settings with the link's, as on a first visit; one without any (the
    address as this session last wrote it, or a page switch that cleared it) keeps the session's.
    Returns the link that was read, for a page's own link keys (``example``), else None.
    """
    ss = st.session_state
    query = st.query_params.to_dict()
    first = "_values" not in ss
    if not first and (not query or query == ss.get("_written")):
        return None
    values, notes = settings_mod.from_query(query)
    app, app_notes = settings_mod.read_app_keys(query, st.context.locale, run.cuda_available())
    if first:
        ss["_app"] = app
    else:  # the page's own session settings (bind) stay; a link without lang keeps the language
        ss["_app"].update({k: v for k, v in app.items() if k in query})
    ss["_values"] = values
    ss["_notes"] = app_notes + notes
    return query


def _int_input(container: Any, name: str, lang: str, disabled: bool = False, prefix: str = "w_") -> None:
    lo, hi = (0, LIMITS["hidden_size"][1] - 1) if name == "proj_size" else LIMITS[name]
    container.number_input(
        name,
        min_value=lo,
        max_value=hi,
        step=1,
        **_bind(name, f"{prefix}{name}"),
        help=i18n.t(f"help.{name}", lang) if f"help.{name}" in i18n.MESSAGES else None,
        disabled=disabled,
    )


def _address(query: dict[str, str]) -> dict[str, str]:
    """What the address bar shows: the settings without the teacher's projector view.

    A student's link is often the teacher's copied address; a phone that opened in presentation
    mode had 26 px text and no way into the settings. Page links keep ``present`` (the teacher
    moving between pages stays on the projector); a reload leaves it.
    """
    return {k: v for k, v in query.items() if k not in share.TEACHER_ONLY}


def _link_query(lang: str) -> dict[str, str]:
    """The session's settings as a link: what the address bar shows and every page link carries."""
    ss = st.session_state
    query = settings_mod.to_query(ss["_values"], lang)
    if ss["_app"]["device"] != "auto" and run.cuda_available():
        query["device"] = ss["_app"]["device"]
    return query


def _sidebar(lang: str, query: dict[str, str], module_settings: bool = True) -> str:
    """Draw the sidebar widgets (page links carry ``query``); return the chosen device setting.

    Without ``module_settings`` the module and input sections are left out (a page that does
    not use them); their values stay in the session and in the links.
    """
    ss = st.session_state
    side = st.sidebar
    values = ss["_values"]
    for page in PAGES:
        side.page_link(page.path, label=i18n.t(page.nav, lang), query_params=query)
    if run.cuda_available():
        side.radio(
            i18n.t("side.device", lang),
            DEVICES,
            **_bind("device"),
            format_func=lambda d: i18n.t("side.device_auto", lang) if d == "auto" else d.upper(),
            horizontal=True,
        )
        choice = ss["_app"]["device"]
    else:
        choice = "cpu"
    device = run.resolve_device(choice)
    side.caption(
        i18n.t("side.device_badge", lang, device=run.device_label(device), version=torch.__version__)
    )
    if module_settings:
        _module_settings(side, values, lang)
    side.toggle(i18n.t("side.present", lang), **_bind("present"))
    _share(side, lang, query, "share_side")
    return choice


def _module_settings(side: Any, values: dict[str, Any], lang: str, prefix: str = "w_") -> None:
    """The shared module and input settings (``prefix``: see _bind)."""
    heading = side.subheader if prefix == "w_" else side.markdown  # the phone's panel: no extra headings
    heading(i18n.t("side.module", lang) if prefix == "w_" else f"**{i18n.t('side.module', lang)}**")
    side.radio("mode", MODES, **_bind("mode", f"{prefix}mode"), horizontal=True)
    mode = values["mode"]
    for name in ("input_size", "hidden_size", "num_layers"):
        _int_input(side, name, lang, prefix=prefix)
    for name in ("bidirectional", "batch_first", "bias"):
        side.checkbox(name, **_bind(name, f"{prefix}{name}"), help=i18n.t(f"help.{name}", lang))
    if mode == "RNN":
        side.radio(
            "nonlinearity", NONLINEARITIES, **_bind("nonlinearity", f"{prefix}nonlinearity"), horizontal=True
        )
    side.number_input(
        "dropout",
        min_value=0.0,
        max_value=1.0,
        step=0.1,
        format="%.2f",
        **_bind("dropout", f"{prefix}dropout"),
        help=i18n.t("help.dropout", lang),
    )
    if mode == "LSTM":
        _int_input(side, "proj_size", lang, prefix=prefix)

    heading(i18n.t("side.input", lang) if prefix == "w_" else f"**{i18n.t('side.input', lang)}**")
    _int_input(side, "seq_len", lang, prefix=prefix)
    side.toggle(i18n.t("side.unbatched", lang), **_bind("unbatched", f"{prefix}unbatched"))
    _int_input(side, "batch_size", lang, disabled=values["unbatched"], prefix=prefix)
    side.toggle(i18n.t("side.pass_hx", lang), **_bind("pass_hx", f"{prefix}pass_hx"))
    side.number_input(
        i18n.t("side.seed", lang),
        min_value=0,
        max_value=LIMITS["seed"][1],
        step=1,
        **_bind("seed", f"{prefix}seed"),
    )


def module_line(values: dict[str, Any]) -> str:
    """The module in one line for the phone's settings control: ``nn.GRU(10, 20, 2) ↔``.

    torch's positional arguments (input_size, hidden_size, num_layers); ↔ marks bidirectional.
    """
    try:
        line = f"nn.{values['mode']}({values['input_size']}, {values['hidden_size']}, {values['num_layers']})"
    except KeyError:
        return ""
    return literal(line + (" ↔" if values.get("bidirectional") else ""))


def _phone_settings(lang: str, values: dict[str, Any], module_settings: bool) -> None:
    """On a phone (where Streamlit closes the sidebar) the page's settings open from the top of the page.

    A labelled control names the module in one line; opening it shows the same settings as the
    sidebar (bound to the same values). Its contents run only while it is open: on a desktop it
    is hidden and closed, and costs nothing.
    """
    label = (
        i18n.t("phone.settings", lang, module=module_line(values))
        if module_settings
        else i18n.t("phone.settings_plain", lang)
    )
    box = st.expander(label, key="phone_settings", icon=":material/tune:", on_change="rerun")
    if not box.open:
        return
    with box:
        box.selectbox(
            i18n.t("side.language", lang),
            list(LANG_NAMES),
            format_func=LANG_NAMES.get,
            **_bind("lang", "m_lang"),
        )
        if module_settings:
            _module_settings(box, values, lang, prefix="m_")
        else:
            box.caption(i18n.t("phone.none", lang))


def _share(container: Any, lang: str, query: dict[str, str], key: str, expanded: bool = False) -> None:
    """The "share with students" control: the clean link (no projector view), its copy button and a QR code.

    The QR is drawn only while the control is open (segno, about a millisecond).
    """
    box = container.expander(
        i18n.t("share.title", lang),
        key=key,
        icon=":material/qr_code_2:",
        on_change="rerun",
        expanded=expanded,
    )
    if not box.open:
        return
    page_url = st.context.url or ""
    link = share.student_link(page_url, query)
    with box:
        st.caption(i18n.t("share.how", lang))
        st.code(link, language=None, wrap_lines=True)
        st.html(f'<div class="share-qr">{share.qr_img(link, i18n.t("share.qr", lang))}</div>')


SHARE_CSS = """
<style>
.share-qr img { width: 100%; max-width: 420px; height: auto; display: block; margin: 0 auto; }
[class*="st-key-share_"] [data-testid="stElementToolbar"] { opacity: 1 !important; }
</style>
"""


def _exit_presentation() -> None:
    st.session_state["_values"]["present"] = False


def frame(title_key: str, module_settings: bool = True) -> Frame:
    """Set up the page: config, sidebar, URL sync and validation. Call it first on every page.

    ``module_settings=False``: a page that does not use the shared module and input settings
    (the quiz, the debugger) leaves them out of the sidebar; they are kept, in the session and
    in every link, for the pages that do.
    """
    pin_torch_threads()  # a new thread for every rerun: see pin_torch_threads
    link = _arrive()
    ss = st.session_state
    lang = ss["_app"]["lang"]
    st.set_page_config(page_title=i18n.t(title_key, lang), page_icon="🔁", layout="wide")
    st.html(style.BASE_CSS + SHARE_CSS)
    with st.container(key="frame_script"):
        st.html(style.script(HTML_LANG[lang], i18n.t("a11y.region", lang)), unsafe_allow_javascript=True)
    st.sidebar.selectbox(
        i18n.t("side.language", lang), list(LANG_NAMES), format_func=LANG_NAMES.get, **_bind("lang")
    )
    values = ss["_values"] = settings_mod.applicable(
        ss["_values"]
    )  # links must carry what the page will show
    query = _link_query(lang)  # widget changes land in the settings before the run that shows them
    choice = _sidebar(lang, query, module_settings)
    st.query_params.from_dict(_address(query))
    ss["_written"] = _address(query)  # a later run whose address differs from this arrived by a link

    cfg, seq_len, batch, error = None, values["seq_len"], None, None
    try:
        cfg, seq_len, batch = settings_mod.validate(values)
    except ex.ConfigError as err:
        error = err
    if values["present"]:  # projector: larger type, no sidebar; a way back and the class's link on every page
        st.html(style.PRESENT_CSS)
        st.button(i18n.t("present.exit", lang), on_click=_exit_presentation, key="present_exit")
        _share(st, lang, query, "share_main")
    else:
        _phone_settings(lang, values, module_settings)
    notes = ss.pop("_notes", [])
    return Frame(
        lang,
        values,
        run.resolve_device(choice),
        cfg,
        seq_len,
        batch,
        error,
        query,
        notes,
        module_settings=module_settings,
        link=link,
    )
