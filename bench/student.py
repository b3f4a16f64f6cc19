"""One browser tab on one page of the app, without a browser: Streamlit's own websocket protocol.

No maintained library speaks it, so this is written here: ``Student``, synchronous (``http.client``
and ``websockets.sync``, both fine under gevent), which bench/locustfile.py drives as a Locust user
and bench/arrivals.py and bench/scale.py drive on their own:

1. ``GET /<Page>?<query>``, keeping cookies (nginx's ``rnn_route`` sticky cookie among them);
   then ``GET /_stcore/health`` (its answer sets Streamlit's ``_streamlit_xsrf`` cookie) and
   ``GET /_stcore/host-config``, as the frontend does before it connects;
2. opens ``ws://host/_stcore/stream`` the way the frontend's WebsocketConnection does: the
   ``Sec-WebSocket-Protocol`` list is ``["streamlit", <the _streamlit_xsrf cookie, or
   "PLACEHOLDER_AUTH_TOKEN">]`` (a third entry, a previous session id, is only sent on a
   reconnect), with the cookies and an ``Origin`` header;
3. sends ``BackMsg.rerun_script`` with the link's query string, ``page_name`` = the URL path and
   an empty ``page_script_hash`` (the server resolves the page), and reads ForwardMsgs until
   ``script_finished``. The page's hash comes back in ``navigation`` (and ``new_session``); the
   query string the page writes back comes in ``page_info_changed``;
4. then, for each interaction (the Locust user's task): changes one sidebar setting and sends
   ``rerun_script`` with the page's hash and every widget's current value, as the browser's
   WidgetStateManager keeps them (the user's last change, else the element's
   ``value``/``raw_value`` when the server sent ``set_value``, else its default), the changed
   one included. A widget bound to the address (its element names a ``query_param_key``:
   ``bind="query-params"``) has its new value written into the query string first, as the
   frontend does (``maybeSyncValueToUrl``: the value as JavaScript's ``String()`` writes it,
   the parameter dropped at the widget's default), so the rerun carries the address a browser
   would send. The latency is send -> ``script_finished``.

Widget ids look like ``$$ID-<md5 of the widget's parameters>-<key>``; the app keys its sidebar's
module settings by their URL names (they are bound to the address), so ``hidden_size`` is the id
ending in ``-hidden_size``. The id
changes when the widget's options change (a widget keeps no state across that), which is why
widgets absent from a finished run are dropped, as the browser does.

An interaction counts as an error when its run shows an exception element or an ``st.error``
alert, the server reports a compile error or "page not found", the server did not apply the
change (the app sent the widget back with another value), the socket closes, or it times out.
The server echoes a widget's value only when the app sets it: a browser keeps the user's own.
"""

from __future__ import annotations

import gzip
import http.client
import random
import re
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.NumberInput_pb2 import NumberInput
from streamlit.proto.Slider_pb2 import Slider
from websockets.exceptions import ConnectionClosed, InvalidHandshake
from websockets.sync.client import connect

from ui import pages as ui_pages

PAGES = {page.name: page.url_path for page in ui_pages.PAGES} | {"hidden": "Hidden_states"}
# A teacher's link: LSTM, hidden 20, Chinese.
DEFAULT_QUERY = "mode=LSTM&hidden_size=20&lang=zh"
_WIDGETS = {
    "number_input",
    "checkbox",
    "radio",
    "selectbox",
    "multiselect",
    "text_input",
    "text_area",
    "slider",
}
_FINISHED_EARLY = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
_COMPILE_ERROR = ForwardMsg.ScriptFinishedStatus.FINISHED_WITH_COMPILE_ERROR


class Failure(Exception):
    """What makes an interaction count as an error."""


@dataclass
class Render:
    """What one script run showed (only the parts the load test reads)."""

    codes: list[str] = field(default_factory=list)  # st.code texts, in order
    media: list[str] = field(default_factory=list)  # download buttons' /media/ URLs
    errors: list[str] = field(default_factory=list)
    alerts: list[tuple[str, str]] = field(default_factory=list)  # (st.error/warning/..., its text)
    messages: int = 0


def _widget_value(kind: str, w: Any, prev: tuple[str, Any] | None) -> tuple[str, Any] | None:
    """(WidgetState field, value) the browser holds for this element, as the frontend sets it."""
    if kind == "number_input":
        name = "double_value" if w.data_type == NumberInput.FLOAT else "int_value"
        if w.set_value and w.HasField("value"):
            v = w.value
        elif prev is not None:
            return prev
        elif w.HasField("value"):
            v = w.value
        elif w.HasField("default"):
            v = w.default
        else:
            return None
        return name, int(v) if name == "int_value" else float(v)
    if kind == "checkbox":
        return ("bool_value", w.value) if w.set_value else prev or ("bool_value", w.default)
    if kind in ("radio", "selectbox"):
        if w.set_value and w.HasField("raw_value"):
            return "string_value", w.raw_value
        if prev is not None:
            return prev
        if w.HasField("default") and len(w.options) > w.default:
            return "string_value", w.options[w.default]
        return None
    if kind == "multiselect":
        if w.set_value:
            return "string_array_value", list(w.raw_values)
        return prev or ("string_array_value", [w.options[i] for i in w.default if i < len(w.options)])
    if kind in ("text_input", "text_area"):
        if w.set_value and w.HasField("value"):
            return "string_value", w.value
        if prev is not None:
            return prev
        return ("string_value", w.default) if w.HasField("default") else None
    if kind == "slider" and w.type == Slider.SELECT_SLIDER:
        # the options as the page formats them (Streamlit 1.67's select_slider: string_array_value);
        # an index list here broke the server's serializer on the next rerun, which no browser sends
        if w.set_value:
            return "string_array_value", list(w.raw_value)
        return prev or ("string_array_value", [w.options[int(i)] for i in w.default if i < len(w.options)])
    if kind == "slider":
        if w.set_value:
            return "double_array_value", list(w.value)
        return prev or ("double_array_value", list(w.default))
    return None


def _url_default(kind: str, w: Any) -> str | None:
    """A bound widget's default as the address writes it (the frontend drops the parameter there)."""
    if kind in ("radio", "selectbox"):
        return w.options[w.default] if w.HasField("default") and len(w.options) > w.default else None
    if kind == "checkbox":
        return _url_text(w.default)
    if kind in ("number_input", "text_input", "text_area") and w.HasField("default"):
        return _url_text(w.default)
    return None


def _url_text(value: Any) -> str:
    """A scalar as JavaScript's ``String()`` writes it into the address: true, 21, 0.5, 1 (for 1.0)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def http_fetch(
    host: str, port: int, path: str, cookies: dict[str, str], timeout: float
) -> tuple[int, dict[str, str], bytes]:
    """A browser-like GET (HTTP/1.1, gzip accepted, cookies sent); returns (status, new cookies,
    the body as it came over the wire, gzip or not)."""
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        headers = {
            "User-Agent": "bench.student (a simulated student)",
            "Accept": "*/*",
            "Accept-Encoding": "gzip",
            "Connection": "close",
        }
        if cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            body = response.read()
        except http.client.HTTPException as err:
            raise Failure(f"GET {path}: no HTTP answer ({type(err).__name__})") from None
    finally:
        conn.close()
    set_cookies = {}
    for value in response.headers.get_all("Set-Cookie") or []:
        key, _, val = value.split(";", 1)[0].partition("=")
        set_cookies[key.strip()] = val.strip()
    return response.status, set_cookies, body


def http_get(
    host: str, port: int, path: str, cookies: dict[str, str], timeout: float
) -> tuple[int, dict[str, str]]:
    """``http_fetch`` without the body: the client shares the CPU with the server, so it parses
    nothing it does not need."""
    status, set_cookies, _ = http_fetch(host, port, path, cookies, timeout)
    return status, set_cookies


# The bundles index.html names (<script src>, <link href>): what a browser fetches before its
# websocket; the chunks the bundle loads later (Plotly's among them) only its JavaScript knows.
_ASSET = re.compile(rb"""<(?:script[^>]*\ssrc|link[^>]*\shref)=["']([^"']+\.(?:js|css))["']""")


class Student:
    """One browser tab on one page of the app, driven over Streamlit's websocket protocol."""

    def __init__(
        self,
        url: str,
        page: str = "shapes",
        query: str = DEFAULT_QUERY,
        timeout_s: float = 60.0,
        locale: str = "zh-CN",
        *,
        alerts_fail: bool = True,
        static: bool = False,
    ) -> None:
        """``alerts_fail``: an st.error alert makes the run an error (off for the debugger, whose
        answer is often torch's error); ``static``: ``open`` fetches the bundles the page's HTML
        names, as a browser with an empty cache does (``timings`` says how long each part took)."""
        parts = urlsplit(url)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.page_path = PAGES.get(page, page)
        self.query_string = query
        self.timeout_s = timeout_s
        self.locale = locale
        self.cookies: dict[str, str] = {}
        self.ws: Any = None
        self.page_hash = ""
        self.widgets: dict[str, tuple[str, Any]] = {}  # widget id -> (WidgetState field, value)
        self.bound: dict[str, tuple[str, str | None]] = {}  # widget id -> (its URL parameter, default)
        self.last = Render()
        self.alerts_fail = alerts_fail
        self.static = static
        # the last open's parts, in ms: html, static (and static_kb, static_files), stcore
        # (health and host-config), websocket (the handshake), first_run (rerun -> script_finished)
        self.timings: dict[str, float] = {}

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def connected(self) -> bool:
        return self.ws is not None

    def widget_id(self, key: str) -> str:
        """The id of the widget keyed ``key`` (``$$ID-<hash>-<key>``)."""
        for wid in self.widgets:
            if wid.endswith("-" + key):
                return wid
        raise Failure(f"no widget keyed {key!r} on the page")

    def value(self, key: str) -> Any:
        return self.widgets[self.widget_id(key)][1]

    def open(self) -> float:
        """Load the page like a browser; returns seconds from the first GET to script_finished."""
        started = time.perf_counter()  # cookies stay, as in a browser that reloads the page
        query = f"?{self.query_string}" if self.query_string else ""
        timings: dict[str, float] = {}
        mark = started

        def lap(name: str) -> None:
            nonlocal mark
            now = time.perf_counter()
            timings[name] = round((now - mark) * 1000, 1)
            mark = now

        status, new, html = http_fetch(
            self.host, self.port, f"/{self.page_path}{query}", self.cookies, self.timeout_s
        )
        self.cookies.update(new)
        if status != 200:
            raise Failure(f"GET /{self.page_path}: HTTP {status}")
        lap("html")
        if self.static:
            assets = list(dict.fromkeys(m.decode() for m in _ASSET.findall(gzip_body(html))))
            size = 0
            for asset in assets:  # one after another: a bound on what a browser's parallel fetch costs
                path = asset if asset.startswith("/") else f"/{self.page_path.rpartition('/')[0]}{asset}"
                status, _, body = http_fetch(
                    self.host, self.port, path.replace("/./", "/"), self.cookies, self.timeout_s
                )
                if status != 200:
                    raise Failure(f"GET {path}: HTTP {status}")
                size += len(body)
            lap("static")
            timings["static_kb"], timings["static_files"] = round(size / 1024, 1), len(assets)
        for path in ("/_stcore/health", "/_stcore/host-config"):
            status, new = http_get(self.host, self.port, path, self.cookies, self.timeout_s)
            self.cookies.update(new)
            if status != 200:
                raise Failure(f"GET {path}: HTTP {status}")
        lap("stcore")
        token = self.cookies.get("_streamlit_xsrf") or "PLACEHOLDER_AUTH_TOKEN"
        try:
            self.ws = connect(
                f"ws://{self.host}:{self.port}/_stcore/stream",
                subprotocols=["streamlit", token],
                origin=self.origin,
                additional_headers={"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())},
                compression=None,  # Streamlit turns websocket compression off by default
                max_size=None,
                ping_interval=None,  # browsers answer pings but send none
                proxy=None,
                open_timeout=self.timeout_s,
                close_timeout=5,
                legacy=True,  # a connection we hold across reruns, not a `with` block
            )
        except (OSError, InvalidHandshake, TimeoutError) as err:
            raise Failure(f"websocket: {type(err).__name__}: {err}") from None
        lap("websocket")
        self.page_hash = ""
        self.widgets.clear()
        self.bound.clear()
        self.rerun()
        lap("first_run")
        self.timings = timings
        return time.perf_counter() - started

    def close(self) -> None:
        ws, self.ws = self.ws, None
        if ws is not None:
            try:
                ws.close()  # the close frame, then the server's answer for at most close_timeout
            except OSError:
                pass

    def _rerun_message(self, states: dict[str, tuple[str, Any]]) -> bytes:
        msg = BackMsg()
        client = msg.rerun_script
        client.query_string = self.query_string
        client.page_script_hash = self.page_hash
        client.page_name = self.page_path
        ctx = client.context_info
        ctx.timezone = "Asia/Shanghai"
        ctx.timezone_offset = -480  # JavaScript's getTimezoneOffset()
        ctx.locale = self.locale
        ctx.url = f"{self.origin}/{self.page_path}" + (f"?{self.query_string}" if self.query_string else "")
        ctx.is_embedded = False
        ctx.color_scheme = "light"
        for wid, (name, value) in states.items():
            state = client.widget_states.widgets.add()
            state.id = wid
            if name in ("string_array_value", "double_array_value"):
                getattr(state, name).data.extend(value)
            else:
                setattr(state, name, value)
        return msg.SerializeToString()

    def rerun(self, states: dict[str, tuple[str, Any]] | None = None) -> Render:
        """Send rerun_script with these widget states (default: the current ones); read the run."""
        if self.ws is None:
            raise Failure("not connected")
        try:
            self.ws.send(self._rerun_message(self.widgets if states is None else states))
        except ConnectionClosed as err:
            raise Failure(f"websocket closed ({err})") from None
        return self._read_run()

    def change(self, key: str, value: Any) -> tuple[float, Render]:
        """The user sets widget ``key`` to ``value``: seconds to script_finished, and the run.

        The widget keeps the user's value (the server sends a value back only when the app sets
        one), and a bound widget's value goes into the address before the rerun, as in a browser.
        """
        wid = self.widget_id(key)
        self.widgets[wid] = (self.widgets[wid][0], value)
        if wid in self.bound:
            self._write_address(*self.bound[wid], value)
        started = time.perf_counter()
        render = self.rerun()
        elapsed = time.perf_counter() - started
        now = self.widgets.get(wid, (None, None))[1]
        if now != value:
            raise Failure(f"the server did not apply {key}={value!r} (shows {now!r})")
        return elapsed, render

    def _write_address(self, param: str, default: str | None, value: Any) -> None:
        """The frontend's ``updateUrlParam``: the parameter set to ``value``, or dropped at its default."""
        params = [(k, v) for k, v in parse_qsl(self.query_string, keep_blank_values=True) if k != param]
        text = _url_text(value)
        if text != default:
            params.append((param, text))
        self.query_string = urlencode(params)

    def _read_run(self) -> Render:
        deadline = time.monotonic() + self.timeout_s
        render = Render()
        seen: set[str] = set()
        msg = ForwardMsg()
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise Failure(f"timeout: no script_finished within {self.timeout_s:.0f} s")
            try:
                data = self.ws.recv(timeout=remaining)
            except TimeoutError:
                raise Failure(f"timeout: no script_finished within {self.timeout_s:.0f} s") from None
            except ConnectionClosed as err:
                raise Failure(f"websocket closed ({err})") from None
            msg.ParseFromString(data)
            render.messages += 1
            kind = msg.WhichOneof("type")
            if kind == "delta":
                if msg.delta.WhichOneof("type") == "new_element":
                    self._element(msg.delta.new_element, render, seen)
                elif msg.delta.WhichOneof("type") == "add_block":
                    self._block(msg.delta.add_block, seen)
            elif kind == "navigation":
                if msg.navigation.page_script_hash:
                    self.page_hash = msg.navigation.page_script_hash
            elif kind == "new_session":
                if msg.new_session.page_script_hash and not self.page_hash:
                    self.page_hash = msg.new_session.page_script_hash
            elif kind == "page_info_changed":
                self.query_string = msg.page_info_changed.query_string
            elif kind == "page_not_found":
                render.errors.append(f"page not found: {msg.page_not_found.page_name!r}")
            elif kind == "session_event":
                if msg.session_event.WhichOneof("type") == "script_compilation_exception":
                    render.errors.append("script compilation exception")
            elif kind == "script_finished":
                if msg.script_finished == _FINISHED_EARLY:
                    continue  # the app asked for a rerun: a new run follows
                if msg.script_finished == _COMPILE_ERROR:
                    render.errors.append("script finished with a compile error")
                # The browser forgets widgets the finished run did not draw.
                self.widgets = {k: v for k, v in self.widgets.items() if k in seen}
                self.bound = {k: v for k, v in self.bound.items() if k in seen}
                self.last = render
                if render.errors:
                    raise Failure("; ".join(render.errors[:2]))
                return render

    def _block(self, block: Any, seen: set[str]) -> None:
        """A keyed expander is a widget too: the browser sends whether it is open (bool_value)."""
        if block.WhichOneof("type") == "expandable" and block.expandable.id:
            wid = block.expandable.id
            seen.add(wid)
            if wid not in self.widgets:
                self.widgets[wid] = ("bool_value", bool(block.expandable.expanded))

    def _element(self, el: Any, render: Render, seen: set[str]) -> None:
        kind = el.WhichOneof("type")
        if kind in _WIDGETS:
            w = getattr(el, kind)
            seen.add(w.id)
            value = _widget_value(kind, w, self.widgets.get(w.id))
            if value is not None:
                self.widgets[w.id] = value
            if getattr(w, "query_param_key", ""):
                self.bound[w.id] = (w.query_param_key, _url_default(kind, w))
        elif kind == "code":
            render.codes.append(el.code.code_text)
        elif kind == "download_button":
            if el.download_button.url:
                render.media.append(el.download_button.url)
        elif kind == "exception":
            render.errors.append(f"exception {el.exception.type}: {el.exception.message[:120]}")
        elif kind == "alert":
            render.alerts.append((Alert.Format.Name(el.alert.format).lower(), el.alert.body[:200]))
            if el.alert.format == Alert.ERROR and self.alerts_fail:
                render.errors.append(f"st.error: {el.alert.body[:120]}")


def gzip_body(body: bytes) -> bytes:
    """The body as sent: gzip (nginx's) undone, anything else as it is."""
    return gzip.decompress(body) if body[:2] == b"\x1f\x8b" else body


class Paster(Student):
    """A learner on the debugger page pasting code into its text area (key ``dbg_code``)."""

    def __init__(self, url: str, query: str = "lang=en", timeout_s: float = 120.0, **kwargs: Any) -> None:
        super().__init__(url, "debugger", query, timeout_s, alerts_fail=False, **kwargs)

    def paste(self, source: str) -> tuple[float, str, Render]:
        """Replace the code with ``source`` (the browser sends the text area's value with the rerun):
        seconds to script_finished, the answer's kind ("error": torch's verdict, "refused": the
        checker would not say or was stopped by a worker's limit, "ok") and the run."""
        wid = self.widget_id("dbg_code")
        self.widgets[wid] = ("string_value", source)  # what the browser's widget holds once typed
        started = time.perf_counter()
        render = self.rerun()
        elapsed = time.perf_counter() - started
        kinds = [kind for kind, _ in render.alerts]
        answer = "?"  # the page's verdict: st.error, else st.success, else the refusal's st.warning
        for kind, name in (("error", "error"), ("success", "ok"), ("warning", "refused")):
            if kind in kinds:
                answer = name
                break
        return elapsed, answer, render


def pick(rng: random.Random, current: Any, lo: int, hi: int) -> int:
    """A value in [lo, hi] other than the current one (what a student changes a setting to)."""
    if lo >= hi:
        return lo
    while True:
        value = rng.randint(lo, hi)
        if value != current:
            return value
