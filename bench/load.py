"""A class of students without browsers: Streamlit's own protocol, with Locust around it.

Locust drives the students (``bench/locustfile.py``: ramp-up, think times, percentiles, CSV,
and its distributed mode for classes larger than one load machine)::

    .venv/bin/locust -f bench/locustfile.py --headless -u 200 -r 20 --run-time 2m \\
        --host http://127.0.0.1:8501 --processes 2 --csv artifacts/load

``run_load``, ``soak`` (what ``make bench`` and the tests call) run that command in a subprocess
and read Locust's stats back, so Locust's gevent patching never reaches the caller's process;
``server_memory`` reads the server's processes with psutil. ``python -m bench.load --url URL``
runs a class with the server's memory before and after. What nothing maintained does is
here: the protocol client, ``Student``, one browser tab on one page of the app, synchronous
(``http.client`` and ``websockets.sync``, both fine under gevent):

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

import argparse
import gzip
import http.client
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import psutil
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.NumberInput_pb2 import NumberInput
from websockets.exceptions import ConnectionClosed, InvalidHandshake
from websockets.sync.client import connect

from ui import pages as ui_pages

ROOT = Path(__file__).resolve().parents[1]
LOCUSTFILE = Path(__file__).resolve().with_name("locustfile.py")
BACKENDS_FILE = ROOT / "deploy" / "run" / "backends.json"  # written by deploy.serve
PAGES = {page.name: page.url_path for page in ui_pages.PAGES} | {"hidden": "Hidden_states"}
# A teacher's link: LSTM, hidden 20, Chinese.
DEFAULT_QUERY = "mode=LSTM&hidden_size=20&lang=zh"
# The settings students change (the sidebar's widgets of those keys) and the ranges they pick from.
DEFAULT_SETTINGS: dict[str, tuple[int, int]] = {
    "hidden_size": (2, 64),
    "seq_len": (1, 30),
    "num_layers": (1, 3),
}
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
            "User-Agent": "bench.load (a simulated student)",
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


def format_settings(settings: dict[str, tuple[int, int]]) -> str:
    """``{"hidden_size": (2, 64)}`` -> ``"hidden_size=2:64"``, as ``--settings`` takes it."""
    return ",".join(f"{key}={lo}:{hi}" for key, (lo, hi) in settings.items())


def parse_settings(text: str) -> dict[str, tuple[int, int]]:
    """The inverse of ``format_settings``."""
    settings = {}
    for item in text.split(","):
        key, _, span = item.partition("=")
        lo, _, hi = span.partition(":")
        settings[key.strip()] = (int(lo), int(hi))
    return settings


# ---- the harness: Locust in a subprocess -------------------------------------------------------
def _pinned(cpus: set[int] | None):
    """A preexec_fn that keeps a child (and every thread and process it starts) on ``cpus``."""
    if not cpus:
        return None
    return lambda: os.sched_setaffinity(0, cpus)


def _locust(
    url: str,
    sessions: int,
    ramp_s: float,
    run_time_s: float,
    record: int,
    *,
    hostile: bool = False,
    processes: int = 0,
    cpus: set[int] | None = None,
    **options: Any,
) -> dict:
    """Run bench/locustfile.py headless in one process; the figures from its record file.

    The record file holds Locust's final stats (its CSV is written once a second and may miss the
    last one), the first error samples and the recorded changes. ``options``: the locustfile's own
    options (``page="shapes"`` -> ``--page shapes``). ``hostile``: one more user, the paster of
    bench/locustfile_hostile.py (``sessions`` stays the students' count); ``processes``: Locust's
    ``--processes`` (workers forked on this machine); ``cpus``: the cores Locust runs on.
    """
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        record_file = Path(tmp) / "record.json"
        locustfile = LOCUSTFILE.with_name("locustfile_hostile.py") if hostile else LOCUSTFILE
        users = sessions + (1 if hostile else 0)
        command = [sys.executable, "-m", "locust", "-f", str(locustfile), "--headless", "--host", url]
        command += ["-u", str(users), "-r", str(users / max(ramp_s, 1e-3))]
        if processes:
            command += ["--processes", str(processes)]
        command += ["--run-time", f"{max(1, round(run_time_s))}s", "--only-summary"]
        command += ["--loglevel", "WARNING", "--exit-code-on-error", "0"]
        options |= {"record": record, "record_file": record_file}
        for name, value in options.items():
            command += [f"--{name.replace('_', '-')}", str(value)]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.monotonic()
        # Locust stops a fixed-interactions run when the last student is done; run_time_s bounds it.
        done = subprocess.run(
            command,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=run_time_s + 180,
            preexec_fn=_pinned(cpus),
        )
        wall_s = time.monotonic() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != 0 or not record_file.exists():
            raise RuntimeError(f"locust exited {done.returncode}:\n{done.stderr[-2000:]}")
        recorded = json.loads(record_file.read_text())
    change, load = recorded["stats"]["change"], recorded["stats"]["load"]
    crashes = [f"locust: {crash}" for crash in recorded["exceptions"]]  # the locustfile's own bugs
    result = {
        "sessions": sessions,
        "interactions": change["requests"],  # attempted: Locust counts a failed change too
        # Locust's percentiles, from its histogram: exact below 100 ms, then rounded to 2 significant
        # digits (p95 350 with a max of 349.8 is one change); the max is exact.
        "p50_ms": change["p50_ms"],
        "p95_ms": change["p95_ms"],
        "max_ms": change["max_ms"],
        "errors": change["failures"] + load["failures"] + len(crashes),
        "error_samples": crashes + recorded["error_samples"],
        "measured": change["requests"] - change["failures"],
        "loads": load["requests"] - load["failures"],
        "load_p50_ms": load["p50_ms"],
        "load_p95_ms": load["p95_ms"],
        "load_max_ms": load["max_ms"],
        "wall_s": round(wall_s, 1),
        "client_cpu_s": round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 1),
        "page": options["page"],
        "query": options["query"],
    }
    pages = {name.partition("@")[2]: row for name, row in recorded["stats"].items() if "@" in name}
    if pages:  # several pages: each page's figures too
        result["pages"] = pages
    if hostile:
        paste, paste_load = recorded["stats"]["paste"], recorded["stats"]["paste_load"]
        result["paster"] = {
            "pastes": paste["requests"],
            "errors": paste["failures"] + paste_load["failures"],
            "p50_ms": paste["p50_ms"],
            "max_ms": paste["max_ms"],
            "answers": recorded["pastes"],
        }
    if record:
        result["renders"] = recorded["renders"]
    return result


def _options(
    page: str,
    query: str,
    seed: int,
    settings: dict[str, tuple[int, int]] | None,
    think_s: tuple[float, float],
    timeout_s: float,
) -> dict:
    """The locustfile's options (bench/locustfile.py adds them to Locust's command line)."""
    return {
        "page": page,
        "query": query,
        "seed": seed,
        "settings": format_settings(settings or DEFAULT_SETTINGS),
        "think_min": think_s[0],
        "think_max": think_s[1],
        "student_timeout": timeout_s,
    }


def run_load(
    url: str,
    sessions: int = 40,
    interactions: int = 10,
    think_s: tuple[float, float] = (1, 3),
    page: str = "shapes",
    seed: int = 0,
    *,
    query: str = DEFAULT_QUERY,
    settings: dict[str, tuple[int, int]] | None = None,
    start_within_s: float = 1.0,
    timeout_s: float = 60.0,
    record: int = 0,
    **extra: Any,
) -> dict:
    """A class opening one link within ``start_within_s`` (Locust's spawn rate) and changing settings.

    Returns ``sessions``, ``interactions`` (attempted), ``p50_ms``/``p95_ms``/``max_ms`` (send ->
    script_finished, from Locust's stats: failed changes included, a timeout among them),
    ``measured`` (the changes that succeeded), ``errors`` and the first 5 ``error_samples``;
    also the page loads' ``loads``/``load_p50_ms``/``load_p95_ms``/``load_max_ms``, ``wall_s``,
    the client's CPU seconds, and with ``record=N`` ``renders``: the first N changes (student,
    key, value and the first st.code texts the run showed). ``extra``: ``_locust``'s
    ``hostile``/``processes``/``cpus`` and the locustfile's own options (``pastes=1``).
    """
    # A bound, not a verdict: every student reaches its last change long before it.
    bound = start_within_s + interactions * (think_s[1] + timeout_s) + timeout_s
    options = _options(page, query, seed, settings, think_s, timeout_s) | extra
    return _locust(url, sessions, start_within_s, bound, record, interactions=interactions, **options)


def soak(
    url: str,
    seconds: float,
    sessions: int = 40,
    think_s: tuple[float, float] = (2, 6),
    page: str = "shapes",
    seed: int = 1,
    *,
    query: str = DEFAULT_QUERY,
    settings: dict[str, tuple[int, int]] | None = None,
    timeout_s: float = 60.0,
    record: int = 0,
    **extra: Any,
) -> dict:
    """A steady class for ``seconds`` (Locust's run time): every student changes a setting every few seconds.

    Same figures as ``run_load``; students arrive over the first ``think_s[1]`` seconds.
    ``extra``: ``_locust``'s ``hostile``/``processes``/``cpus`` and the locustfile's own options.
    """
    options = _options(page, query, seed, settings, think_s, timeout_s) | extra
    return _locust(url, sessions, think_s[1], seconds, record, interactions=0, **options)


# ---- server memory ---------------------------------------------------------------------------
_METRIC = re.compile(r"^(cache_memory_bytes|active_sessions)(?:\{([^}]*)\})?\s+([0-9.eE+-]+)$")


def _get(url: str, path: str, timeout: float = 10.0) -> str:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port or 80, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read().decode("utf-8", "replace")
        if response.status != 200:
            raise OSError(f"GET {url}{path}: HTTP {response.status}")
        return body
    finally:
        conn.close()


def streamlit_metrics(url: str) -> dict:
    """One process's ``/_stcore/metrics``: cache bytes by cache type, and active sessions."""
    text = _get(url, "/_stcore/metrics?families=cache_memory_bytes&families=active_sessions")
    caches: dict[str, float] = {}
    sessions = 0
    for line in text.splitlines():
        m = _METRIC.match(line.strip())
        if not m:
            continue
        name, labels, value = m.groups()
        if name == "active_sessions":
            sessions = int(float(value))
        else:
            kind = re.search(r'cache_type="([^"]*)"', labels or "")
            key = kind.group(1) if kind else "?"
            caches[key] = caches.get(key, 0) + float(value)
    return {"cache_bytes": {k: int(v) for k, v in caches.items()}, "active_sessions": sessions}


def _mb(n_bytes: float) -> float:
    return round(n_bytes / 2**20, 1)


def _rss_mb(pid: int | None) -> float | None:
    if not pid:
        return None
    try:
        return _mb(psutil.Process(pid).memory_info().rss)
    except psutil.Error:
        return None


def _tree_pss_mb(pid: int | None) -> float | None:
    """PSS of the process and its descendants (the PNG renderer's chromium runs under the server):
    shared pages counted once across the tree."""
    if not pid:
        return None
    try:
        root = psutil.Process(pid)
        tree = [root, *root.children(recursive=True)]
    except psutil.Error:
        return None
    total = 0
    for proc in tree:
        try:
            total += proc.memory_full_info().pss
        except psutil.Error:  # exited meanwhile, or not ours
            continue
    return _mb(total)


def _pid_listening(port: int) -> int | None:
    """The process listening on a local TCP port (own processes unless root)."""
    for conn in psutil.net_connections(kind="tcp"):
        if conn.status == psutil.CONN_LISTEN and conn.laddr and conn.laddr.port == port and conn.pid:
            return conn.pid
    return None


def _same_port_here(a: str, b: str) -> bool:
    here = {"127.0.0.1", "localhost", "::1", "0.0.0.0"}
    pa, pb = urlsplit(a), urlsplit(b)
    return pa.port == pb.port and pa.hostname in here and pb.hostname in here


def _backends(target: Any) -> list[dict]:
    if hasattr(target, "backend_processes"):  # deploy.serve.Served
        return target.backend_processes()
    if isinstance(target, (str, Path)) and str(target).endswith(".json"):
        return json.loads(Path(target).read_text())["backends"]
    if isinstance(target, str):
        if BACKENDS_FILE.exists():  # deploy.serve's nginx on this machine: its processes
            state = json.loads(BACKENDS_FILE.read_text())
            if _same_port_here(state.get("url", ""), target):
                return state["backends"]
        return [{"url": target, "pid": _pid_listening(urlsplit(target).port or 80)}]
    return [b if isinstance(b, dict) else {"url": b[0], "pid": b[1]} for b in target]


def server_memory(target: Any) -> dict:
    """Memory of the Streamlit processes behind ``target``.

    ``target``: a ``deploy.serve.Served``; a URL (one Streamlit process, or deploy.serve's nginx
    URL when deploy/run/backends.json names it); a backends.json path; or ``[{"url", "pid"}]``.
    Per process (psutil): its RSS, the PSS of it and its children (the PNG renderer's
    chromium), and from ``/_stcore/metrics`` the bytes in
    Streamlit's caches (st.cache_data, media files, session state, uploads: Streamlit's own
    estimate) and the open sessions.
    """
    rows = []
    for b in _backends(target):
        pid = b.get("pid")
        row = {"url": b["url"], "pid": pid, "rss_mb": _rss_mb(pid), "tree_pss_mb": _tree_pss_mb(pid)}
        try:
            row.update(streamlit_metrics(b["url"]))
        except OSError as err:
            row["metrics_error"] = str(err)
        rows.append(row)
    rss = [r["rss_mb"] for r in rows if r["rss_mb"] is not None]
    tree = [r["tree_pss_mb"] for r in rows if r["tree_pss_mb"] is not None]
    return {
        "backends": rows,
        "rss_mb_total": round(sum(rss), 1) if rss else None,
        # with the processes they started (the PNG renderer): what the server really holds
        "tree_pss_mb_total": round(sum(tree), 1) if tree else None,
        "active_sessions": sum(r.get("active_sessions", 0) for r in rows),
    }


# ---- command line ----------------------------------------------------------------------------
def _memory_line(label: str, mem: dict) -> str:
    parts = []
    for b in mem["backends"]:
        cache = sum(b.get("cache_bytes", {}).values()) / 1024
        parts.append(
            f":{urlsplit(b['url']).port} rss {b['rss_mb']} MB, caches {cache:.0f} KiB, "
            f"{b.get('active_sessions', '?')} sessions"
        )
    return f"memory {label}: total rss {mem['rss_mb_total']} MB | " + " | ".join(parts)


def _summary(label: str, r: dict) -> str:
    return (
        f"{label}: {r['sessions']} students, {r['interactions']} changes in {r['wall_s']} s | "
        f"change p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, max {r['max_ms']} ms | "
        f"page load p50 {r['load_p50_ms']} ms, p95 {r['load_p95_ms']} ms | errors {r['errors']} | "
        f"client cpu {r['client_cpu_s']} s"
    )


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8501")
    parser.add_argument("--sessions", type=int, default=40)
    parser.add_argument("--interactions", type=int, default=10)
    parser.add_argument("--think", type=float, nargs=2, default=(1.0, 3.0), metavar=("MIN", "MAX"))
    parser.add_argument("--page", default="shapes", help=f"one of {', '.join(PAGES)}")
    parser.add_argument("--query", default=DEFAULT_QUERY, help="the shared link's query string")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds one run may take")
    parser.add_argument(
        "--soak", type=float, default=0, metavar="SECONDS", help="then a steady class this long"
    )
    parser.add_argument(
        "--backends",
        default=None,
        help="backends.json for memory figures (default: deploy/run's, or the URL)",
    )
    parser.add_argument("--json", type=Path, default=None, help="write every figure here")
    args = parser.parse_args(list(argv) if argv is not None else None)
    target = args.backends or args.url
    report: dict[str, Any] = {"memory_before": server_memory(target)}
    print(_memory_line("before", report["memory_before"]), flush=True)
    load = run_load(
        args.url,
        args.sessions,
        args.interactions,
        tuple(args.think),
        args.page,
        args.seed,
        query=args.query,
        timeout_s=args.timeout,
    )
    report["load"] = load
    print(_summary("load", load), flush=True)
    for sample in load["error_samples"]:
        print(f"  error: {sample}")
    report["memory_after_load"] = server_memory(target)
    print(_memory_line("after load", report["memory_after_load"]), flush=True)
    if args.soak > 0:
        result = soak(args.url, args.soak, args.sessions, page=args.page, query=args.query)
        report["soak"] = result
        print(_summary(f"soak {args.soak:.0f} s", result), flush=True)
        for sample in result["error_samples"]:
            print(f"  error: {sample}")
        report["memory_after_soak"] = server_memory(target)
        print(_memory_line("after soak", report["memory_after_soak"]), flush=True)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    errors = load["errors"] + report.get("soak", {}).get("errors", 0)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
