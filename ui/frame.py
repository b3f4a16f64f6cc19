"""The frame app.py draws before every page: it runs the frame's parts in order; the page takes the
Frame with ``current()``.

The parts each do one job: ui/arrival.py reads a link and writes the address, ui/state.py keeps
the settings and binds widgets to them, ui/sidebar.py draws the settings, ui/present.py the
projector, ui/exports.py the downloads, ui/style.py the stylesheet and script. Everything that
decides anything is in ``explainer``.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
import torch

import explainer as ex
from explainer import export, i18n, run, snippet
from explainer import settings as settings_mod
from explainer.figures import for_projector
from explainer.settings import HTML_LANG
from ui import arrival, exports, lazy, present, sharing, sidebar, state, style
from ui.arrival import note_text
from ui.render import figure_rows
from ui.sidebar import SIDEBAR_FIELDS
from ui.text import error_text, literal
from ui.threads import pin_torch_threads, torch_threads

__all__ = [
    "Frame",
    "current",
    "error_text",
    "frame",
    "literal",
    "note_text",
    "pin_torch_threads",
    "torch_threads",
]
log = logging.getLogger(__name__)


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
    # each page's st.Page as app.py made it for this session, by path (ui/pages.py): a link to an
    # st.Page is a lookup, a link to a path resolves it on disk each time (the home page's 21 links:
    # page_link 23.7 -> 17.2 ms a rerun under cProfile)
    pages: Mapping[str, st.Page] = field(default_factory=dict)

    def t(self, key: str, **params: object) -> str:
        return i18n.t(key, self.lang, **params)

    def page(self, path: str) -> st.Page:
        """The page at ``path`` (ui/pages.py) as ``st.page_link`` takes it: its registered st.Page."""
        return self.pages[path]

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

    def opened(self, label: str, key: str, icon: str | None = None) -> Any:
        """An expander on the page whose contents are built only once it is opened (ui/lazy.py): the
        expander to fill while it is open, else None."""
        return lazy.opened(label, key, icon)

    def figure_table(self, fig: Any, key: str) -> None:
        """The figure's numbers as a table under it (its text alternative), built only when opened."""
        if box := self.opened(self.t("a11y.figure_table"), f"{key}_table"):
            rows, cut = figure_rows(fig)
            with box:
                st.table(pd.DataFrame(rows), hide_index=True)  # an HTML table: screen readers read it
                if cut:
                    st.caption(self.t("a11y.figure_table_cut", rows=len(rows)))

    def code_that_ran(self, label: str, caption: str, key: str, *sources: str) -> None:
        """Source shown as it ran (``inspect.getsource``), in a closed expander built only when opened.

        The syntax highlighter is costly to draw for code that not every reader opens: the equations
        page's two blocks took 390 ms of the ~3.5 s its page load kept a phone-sized Chromium's main
        thread busy here (a phone's CPU is several times slower).
        """
        if box := self.opened(label, key, icon=":material/code:"):
            with box:
                st.caption(caption)
                for source in sources:
                    st.code(source, language="python")

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
        exports.panel(self.lang, self.figures, script, trace, x, quantity, files)

    def link_with(self, settings: dict[str, Any]) -> dict[str, str]:
        """A link with the session's settings and ``settings`` in their place (a quiz question's module).

        A link is the whole configuration: opening it replaces the session's settings, so it
        carries everything else too (the quiz's place, the language, the device). It names every
        module and input setting, defaults too: a browser following a link within the app keeps the
        address's bound parameters the link leaves out (the student's mode=GRU would stay).
        """
        values = settings_mod.applicable({**self.values, **settings})
        query = settings_mod.to_query(values, self.lang)
        for name in state.drawn(values["mode"]):
            value = values[name]
            query.setdefault(name, str(value).lower() if isinstance(value, bool) else str(value))
        if "device" in self.query:
            query["device"] = self.query["device"]
        return query

    def keep_in_link(self, name: str, value: str) -> None:
        """Add a page's own key (the debugger's ``example``) to the address, so a copied link keeps it."""
        arrival.keep_in_link(name, value)

    def bind(self, name: str, default: Any = None, key: str | None = None) -> dict[str, Any]:
        """Widget kwargs for a page's own setting: shown from, and stored into, the shared settings.

        A name that is not a shared (URL) setting is kept for the session with ``default`` as its
        first value: it survives page switches but is not part of the link. ``key`` gives a second
        widget for a setting the sidebar already shows (the gradients page's sequence length,
        where the sidebar is hidden on a phone or a projector).
        """
        return state.bind_page(name, default, key)

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
                on_click=state.apply,
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


def frame(title_key: str, pages: Mapping[str, st.Page], module_settings: bool = True) -> Frame:
    """Set up the page: config, sidebar, URL sync and validation; app.py calls it once per run.

    The entrypoint (app.py) draws it before ``st.navigation`` runs the page, so a deep link opened
    first gets it too; the page takes it with ``current()``. ``module_settings=False``: a page
    that does not use the shared module and input settings (the quiz, the debugger) leaves them
    out of the sidebar; they are kept, in the session and in every link, for the pages that do.
    """
    pin_torch_threads()  # a new thread for every rerun: see ui/threads.py
    link = arrival.arrive()
    ss = st.session_state
    lang = ss["_app"]["lang"]
    st.set_page_config(page_title=i18n.t(title_key, lang), page_icon="🔁", layout="wide")
    st.html(style.BASE_CSS + sharing.CSS + sidebar.CSS)
    with st.container(key="frame_script"):
        st.html(style.script(HTML_LANG[lang], i18n.t("a11y.region", lang)), unsafe_allow_javascript=True)
    sidebar.language(lang)
    # the bound widgets' values (a reader's change, a link's) in place; links carry what the page shows
    values = ss["_values"] = settings_mod.applicable(state.read(ss["_values"]))
    query = arrival.link_query(lang)  # widget changes land in the settings before the run that shows them
    choice = sidebar.sidebar(lang, query, pages, module_settings)
    arrival.write(query)

    cfg, seq_len, batch, error = None, values["seq_len"], None, None
    try:
        cfg, seq_len, batch = settings_mod.validate(values)
    except ex.ConfigError as err:
        error = err
    if values["present"]:  # projector: larger type, no sidebar; a way back and the class's link on every page
        present.show(lang, query)
    else:
        sidebar.phone_settings(lang, values, module_settings)
    fr = Frame(
        lang,
        values,
        run.resolve_device(choice),
        cfg,
        seq_len,
        batch,
        error,
        query,
        arrival.take_notes(),
        module_settings=module_settings,
        link=link,
        pages=pages,
    )
    ss["_frame"] = fr
    return fr


def current() -> Frame:
    """The frame app.py drew for this run: what a page reads first."""
    return st.session_state["_frame"]
