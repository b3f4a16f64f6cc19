"""The address: a link read on arrival (with a note per value it could not keep), the settings written back.

A link is the whole configuration: opening one replaces the session's settings. What the
address bar shows afterwards is the session's settings, less the teacher's projector view.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from explainer import i18n, run, settings, share
from explainer.settings import MAX_RAW_LEN
from ui import state
from ui.text import error_text, literal


def arrive() -> dict[str, str] | None:
    """Read a link: the session's first run, or a navigation within it that carried parameters.

    A navigation with parameters (the quiz's link to its module, a link with an example) replaces
    the settings with the link's, as on a first visit; one whose address says what the session
    already holds keeps the session's: the address this session's last run started from, the one
    it wrote, or the one its bound widgets show now (the browser writes a bound widget's change
    into the address; a test without a browser leaves it as it was). The link's values go into
    the bound widgets' keys before the widgets are drawn (ui/state.py); its replaced values wait
    in ``_notes`` for the page.
    Returns the link that was read, for a page's own link keys (``example``), else None.
    """
    ss = st.session_state
    query = st.query_params.to_dict()
    first = "_values" not in ss
    seen, ss["_seen"] = ss.get("_seen"), query
    arrived = ss.pop("_arrived", None)  # the link a first run rewrote, then reran to read
    if not first and (not query or query == seen or query == ss.get("_written") or query == _expected()):
        return arrived
    values, notes = settings.from_query(query)
    app, app_notes = settings.read_app_keys(query, st.context.locale, run.cuda_available())
    if first:
        ss["_app"] = app
    else:  # the page's own session settings stay; a link without lang keeps the language
        ss["_app"].update({k: v for k, v in app.items() if k in query})
    ss["_values"] = dict(values)
    state.put(values)
    ss["_notes"] = app_notes + notes
    if first and _misread(query, values, notes):
        # On a session's first run a bound widget takes the address's value over the session's,
        # and drops one it cannot read: the address must say what the link was read as before
        # the widgets are drawn. Only such a link pays for the rerun.
        canonical = settings.to_query(values)
        read = {k: v for k, v in query.items() if k not in state.BOUND}
        read |= {k: canonical[k] for k in state.BOUND if k in canonical}
        st.query_params.from_dict(read)
        ss["_seen"] = ss["_arrived"] = read  # the rerun reads no link; the page gets this one
        st.rerun()
    return query


def _misread(query: dict[str, str], values: dict[str, Any], notes: list[settings.Note]) -> bool:
    """Whether a bound widget would read the link otherwise than the settings did.

    A value replaced with a note that the widget could take (proj_size=99, ruled out by
    hidden_size=20), or a setting the link spells as older and hand-edited links do (mode=gru,
    bidirectional=1), which the widget would drop. A default, however spelled, reads the same.
    """
    replaced = {n.error.field for n in notes if n.error is not None}
    canonical = settings.to_query(values)
    return any(
        name in replaced or (name in canonical and raw != canonical[name])
        for name, raw in query.items()
        if name in state.BOUND
    )


def _expected() -> dict[str, str]:
    """The address for the session as it stands: the bound settings' now, the rest as last written.

    The address as last written (``_written``) may lag a reader's change to a bound widget, or
    show it already; neither is a link.
    """
    values = settings.applicable(state.read(st.session_state["_values"]))
    bound = {k: v for k, v in settings.to_query(values).items() if k in state.BOUND}
    written = {k: v for k, v in st.session_state.get("_written", {}).items() if k not in state.BOUND}
    return {**written, **bound}


def take_notes() -> list[settings.Note]:
    """The values the link this run arrived by could not keep (each said once)."""
    return st.session_state.pop("_notes", [])


def note_text(note: settings.Note, lang: str) -> str:
    """A link value that fell back, with whatever the link carried shown literally."""
    if note.unknown is not None:
        return i18n.t("note.unknown", lang, name=literal(note.unknown[:MAX_RAW_LEN]))
    return i18n.t("note.fallback", lang, msg=error_text(note.error, lang), default=note.default)


def link_query(lang: str) -> dict[str, str]:
    """The session's settings as a link: what the address bar shows and every page link carries.

    From the settings as the frame took them (``_values``: the bound widgets' values read, what the
    mode rules out reset), not from the bound keys again: a widget the mode no longer draws (an
    LSTM's proj_size after a switch to GRU) still holds its value until the widgets are drawn, and
    the students' link and QR code would carry it.
    """
    ss = st.session_state
    query = settings.to_query(ss["_values"], lang)
    if ss["_app"]["device"] != "auto" and run.cuda_available():
        query["device"] = ss["_app"]["device"]
    return query


def address(query: dict[str, str]) -> dict[str, str]:
    """What the address bar shows: the settings without the teacher's projector view.

    A student's link is often the teacher's copied address; a phone that opened in presentation
    mode had 26 px text and no way into the settings. Page links keep ``present`` (the teacher
    moving between pages stays on the projector); a reload leaves it.
    """
    return {k: v for k, v in query.items() if k not in share.TEACHER_ONLY}


def write(query: dict[str, str]) -> None:
    """Show the settings in the address bar: the ones not bound to a widget (Streamlit keeps those).

    A later run whose address differs from both this one and the session's arrived by a link.
    """
    shown = address(query)
    params = st.query_params
    for name in [k for k in params if k not in state.BOUND and k not in shown]:
        del params[name]
    for name, value in shown.items():
        if name not in state.BOUND and params.get(name) != value:
            params[name] = value
    st.session_state["_written"] = shown


def keep_in_link(name: str, value: Any) -> None:
    """Add a page's own key (the debugger's ``example``) to the address, so a copied link keeps it."""
    st.query_params[name] = value
    st.session_state["_written"] = {**st.session_state["_written"], name: value}
