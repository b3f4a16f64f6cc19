"""Serve the app to a class: one Streamlit process per CPU core behind nginx with sticky sessions.

    .venv/bin/python -m deploy.serve                 # http://<this machine>:8501
    .venv/bin/python -m deploy.serve --replicas 2 --port 8080

What it does:

- starts ``streamlit run app.py`` once per CPU core (``os.sched_getaffinity``; ``--replicas``
  overrides) on loopback ports 8601, 8602, ... Every process gets the same cookie secret
  (env ``STREAMLIT_COOKIE_SECRET``, else one generated once into ``deploy/run/cookie_secret``,
  mode 0600) and ``EXPLAINER_TORCH_THREADS=1`` (one torch thread each: the processes, not
  torch, share out the cores);
- waits until each answers ``GET /_stcore/health``, writes ``deploy/run/nginx.conf`` from
  ``deploy/nginx.conf.template`` and runs nginx in the foreground as the current user, with its
  pid file, logs, temp files and cache under ``deploy/run/``;
- every 5 s asks each process for its health; one that exited, or failed 3 checks in a row, is
  restarted on the same port. Ctrl-C (SIGINT) or SIGTERM stops nginx, then every process.

Each process runs with ``runner.postScriptGC`` off and oneDNN's kernel cache cut to 32 entries
(measured in ``Served.start``; set ``STREAMLIT_RUNNER_POST_SCRIPT_GC`` or
``ONEDNN_PRIMITIVE_CACHE_CAPACITY`` in the environment to choose otherwise).

Logs: ``deploy/run/logs/`` (``backend-<port>.log``, nginx's ``error.log`` and ``access.log``).
``deploy/run/backends.json`` names the running processes (bench/load.py reads it).

From Python (the benchmark and tests)::

    with deploy.serve.start(replicas=2, port=8501) as served:
        served.url, served.backend_pids(), served.backend_urls()
"""

from __future__ import annotations

import argparse
import contextlib
import grp
import http.client
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.template"
RUN_DIR = Path(__file__).resolve().parent / "run"
FIRST_BACKEND_PORT = 8601
POLL_S = 5.0
FAILS_BEFORE_RESTART = 3
STARTUP_TIMEOUT_S = 180.0  # torch and the app's imports, on a busy 2-core machine
INSTALL_HINT = (
    "nginx is not installed. Install it with\n"
    "    sudo apt-get install nginx        (or: bash scripts/serve-deps.sh)\n"
    "or serve a single process without it: make run"
)


class ServeError(RuntimeError):
    """The stack could not start; the message says why and what to do."""


def default_replicas() -> int:
    """One Streamlit process per CPU core this process may run on."""
    return max(1, len(os.sched_getaffinity(0)))


def find_nginx() -> str | None:
    """nginx on PATH, or in /usr/sbin (not on an ordinary user's PATH on Debian)."""
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")


def cookie_secret(run_dir: Path = RUN_DIR) -> str:
    """The secret every process signs cookies with: env, else the saved one, else a new one."""
    from_env = os.environ.get("STREAMLIT_COOKIE_SECRET", "").strip()
    if from_env:
        return from_env
    path = run_dir / "cookie_secret"
    run_dir.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        if path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)
        saved = path.read_text().strip()
        if saved:
            return saved
        fd = os.open(path, os.O_WRONLY | os.O_TRUNC)
    secret = secrets.token_hex(32)
    with os.fdopen(fd, "w") as f:
        f.write(secret + "\n")
    return secret


def health(port: int, host: str = "127.0.0.1", timeout: float = 3.0) -> bool:
    """True when ``GET /_stcore/health`` answers 200 "ok" (no proxy from the environment)."""
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request("GET", "/_stcore/health")
        response = conn.getresponse()
        return response.status == 200 and response.read(16).strip() == b"ok"
    except (OSError, http.client.HTTPException):
        return False
    finally:
        conn.close()


def port_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lan_address() -> str | None:
    """This machine's address on its default route (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))
            address = s.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def rss_kib(pid: int) -> int | None:
    """A process's resident memory (VmRSS, KiB) from /proc, or None when it is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


# Pages a class opens first (URL paths; "" is the home page): warm-up runs each once. The last
# is a setting above the forward budget: torch's first run on `meta` imports its Python shape
# rules (2-3 s), which the first student to ask for a large setting would otherwise wait for.
# "Shapes" also starts the process's PNG renderer: a page offering figures for export starts it
# once per process, in a background thread at low priority (explainer.export.warm_png). Measured
# here: the warm-up takes as long as before; about 3 s later the first PNG takes 0.3-0.4 s
# instead of 3-5 s. It costs, per process, ~5 s of niced CPU once and ~430 MB (PSS) of Chromium
# kept running; EXPLAINER_PNG_WARM=0 in the environment starts it on the first PNG click instead.
# "Debugger" starts the process's debugger workers (a forkserver that imports torch once, and
# explainer.debugger.isolate.workers() processes forked from it).
WARM_PAGES = (
    "",
    "Shapes",
    "Hidden_states",
    "Debugger",
    "Shapes?mode=GRU&hidden_size=512&seq_len=512&batch_size=64",
)


def warm_up(port: int, pages: Sequence[str] = WARM_PAGES, timeout: float = 120.0) -> float:
    """Run these pages once in one session, so the first students do not wait for the process
    to import torch, plotly and the pages' modules, or for its PNG renderer (see WARM_PAGES).
    Returns the seconds it took."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.sync.client import connect

    started = time.monotonic()
    with connect(
        f"ws://127.0.0.1:{port}/_stcore/stream",
        subprotocols=["streamlit", "PLACEHOLDER_AUTH_TOKEN"],  # what a browser sends without a token
        proxy=None,
        compression=None,
        max_size=None,
        open_timeout=timeout,
    ) as ws:
        for page in pages:
            rerun = BackMsg()
            path, _, query = page.partition("?")
            rerun.rerun_script.page_name = path  # the server finds the page by its URL path
            rerun.rerun_script.query_string = query
            ws.send(rerun.SerializeToString())
            msg = ForwardMsg()
            while msg.WhichOneof("type") != "script_finished":
                msg.ParseFromString(ws.recv(timeout=max(started + timeout - time.monotonic(), 0.1)))
    return time.monotonic() - started


def render_config(listen: str, servers: Sequence[str], run_dir: Path, template: Path = TEMPLATE) -> str:
    """nginx.conf for these upstream servers ("host:port"), from the commented template."""
    lines = "\n".join(f"        server {s} max_fails=3 fail_timeout=10s;" for s in servers)
    return (
        template.read_text()
        .replace("@@RUN@@", str(run_dir))
        .replace("@@LISTEN@@", listen)
        .replace("@@SERVERS@@", lines)
    )


def _say(message: str) -> None:
    print(f"[serve {time.strftime('%H:%M:%S')}] {message}", flush=True)


def _log_tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _signal_group(proc: subprocess.Popen | None, sig: int) -> None:
    """Signal a child started with start_new_session=True and everything it started (nginx's
    workers, a backend's export helpers): they share its process group."""
    if proc is not None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, sig)


def _stop_group(proc: subprocess.Popen | None, timeout: float) -> None:
    """SIGTERM the group, wait for its leader (SIGKILL after ``timeout``), then SIGKILL what is
    left of the group, so nothing it started outlives it."""
    if proc is None:
        return
    if proc.poll() is None:
        _signal_group(proc, signal.SIGTERM)
        try:
            proc.wait(timeout=max(timeout, 0.1))
        except subprocess.TimeoutExpired:
            _signal_group(proc, signal.SIGKILL)
            proc.wait()
    _signal_group(proc, signal.SIGKILL)


class Backend:
    """One ``streamlit run app.py`` on a loopback port, restartable on the same port."""

    def __init__(self, port: int, env: dict[str, str], log_dir: Path) -> None:
        self.port = port
        self.env = env
        self.log = log_dir / f"backend-{port}.log"
        self.proc: subprocess.Popen | None = None
        self.ready = False
        self.fails = 0
        self.started_at = 0.0
        self.restarts = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    def start(self) -> None:
        command = [
            sys.executable, "-m", "streamlit", "run", "app.py",
            "--server.port", str(self.port),
            "--server.address", "127.0.0.1",  # only nginx reaches it
            "--server.headless", "true",
        ]  # fmt: skip
        with open(self.log, "ab") as log:
            # Its own session: a Ctrl-C in the terminal reaches serve.py, which stops nginx
            # first and then the processes, instead of everything dying at once.
            self.proc = subprocess.Popen(
                command,
                cwd=ROOT,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.ready = False
        self.fails = 0
        self.started_at = time.monotonic()

    def exited(self) -> int | None:
        return None if self.proc is None else self.proc.poll()

    def terminate(self) -> None:
        """Ask it to stop (SIGTERM to its process group); ``wait`` finishes the job."""
        if self.proc is not None and self.proc.poll() is None:
            _signal_group(self.proc, signal.SIGTERM)

    def wait(self, timeout: float) -> None:
        _stop_group(self.proc, timeout)

    def restart(self) -> None:
        self.terminate()
        self.wait(15)  # a hung process ignores SIGTERM: SIGKILL after 15 s
        self.restarts += 1
        self.start()


class Served:
    """nginx and its Streamlit processes, supervised; ``start()`` builds one."""

    def __init__(
        self,
        replicas: int | None = None,
        port: int = 8501,
        host: str = "0.0.0.0",
        backend_ports: Sequence[int] | None = None,
        run_dir: Path = RUN_DIR,
        poll_s: float = POLL_S,
        startup_timeout_s: float = STARTUP_TIMEOUT_S,
        echo: bool = True,
        warm: bool = True,
    ) -> None:
        replicas = replicas or default_replicas()
        if backend_ports is None:
            backend_ports = range(FIRST_BACKEND_PORT, FIRST_BACKEND_PORT + replicas)
        self.backend_ports = list(backend_ports)
        if len(self.backend_ports) != replicas:
            raise ValueError("one backend port per replica")
        self.port = port or free_port()
        self.host = host
        self.run_dir = Path(run_dir).resolve()
        self.poll_s = poll_s
        self.startup_timeout_s = startup_timeout_s
        self.echo = echo
        self.warm = warm
        self.backends: list[Backend] = []
        self.nginx: subprocess.Popen | None = None
        self.nginx_restarts = 0
        self._nginx_command: list[str] = []
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._supervisor: threading.Thread | None = None
        self._state_written = False

    # -- what callers read -------------------------------------------------------------------
    @property
    def reach_host(self) -> str:
        """The address this machine reaches nginx on."""
        return "127.0.0.1" if self.host in ("0.0.0.0", "", "::") else self.host

    @property
    def url(self) -> str:
        return f"http://{self.reach_host}:{self.port}"

    def backend_pids(self) -> list[int]:
        with self._lock:
            return [b.pid for b in self.backends if b.pid is not None]

    def backend_urls(self) -> list[str]:
        return [b.url for b in self.backends]

    def backend_processes(self) -> list[dict]:
        """[{"url", "pid"}] for bench.load.server_memory."""
        with self._lock:
            return [{"url": b.url, "pid": b.pid} for b in self.backends]

    def say(self, message: str) -> None:
        if self.echo:
            _say(message)

    # -- start -------------------------------------------------------------------------------
    def start(self) -> Served:
        nginx = find_nginx()
        if nginx is None:
            raise ServeError(INSTALL_HINT)
        busy = [p for p in self.backend_ports if not port_free(p)]
        listen_host = "0.0.0.0" if self.host in ("", "0.0.0.0") else self.host
        if not port_free(self.port, listen_host):
            busy.append(self.port)
        if busy:
            raise ServeError(
                f"port(s) {', '.join(map(str, busy))} already in use: is deploy.serve (or make run) "
                f"already running? See {self.run_dir / 'backends.json'}, or pick --port."
            )
        for sub in ("logs", "tmp", "cache"):
            (self.run_dir / sub).mkdir(parents=True, exist_ok=True)
        env = dict(os.environ)
        # The same secret in every process (what --server.cookieSecret sets; passed through the
        # environment so it does not show in `ps`).
        env["STREAMLIT_SERVER_COOKIE_SECRET"] = cookie_secret(self.run_dir)
        env.pop("STREAMLIT_COOKIE_SECRET", None)
        # One torch thread per process (the app reads EXPLAINER_TORCH_THREADS; OMP/MKL cover
        # the thread pools torch creates at import).
        env.update(EXPLAINER_TORCH_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
        # Streamlit runs a full gc.collect() after every script run. With torch, plotly and pandas
        # loaded that walks millions of objects: measured here 0.25 s of the 0.3 s CPU a rerun of
        # the shapes page costs (0.05 s without it). Python's own collector still runs: under
        # bench/load.py's soak with repeated settings RSS stayed flat, and with ever-new settings
        # it grew as st.cache_data filled, the same with the forced collection as without.
        # Set the variable to "true" to keep Streamlit's default.
        env.setdefault("STREAMLIT_RUNNER_POST_SCRIPT_GC", "false")
        # torch runs LSTM/GRU/RNN on CPU through oneDNN, which keeps up to 1024 compiled kernels
        # ("primitives") per process, one per new shape. A class trying every hidden_size and
        # seq_len fills it: RSS grew ~0.3 MB per new setting, linearly (395 -> 545 MB in 500
        # changes); with 32 kept it levelled off (396 -> 425 MB), at the same latency.
        env.setdefault("ONEDNN_PRIMITIVE_CACHE_CAPACITY", "32")
        env["PYTHONUNBUFFERED"] = "1"
        self.backends = [Backend(p, env, self.run_dir / "logs") for p in self.backend_ports]
        try:
            for b in self.backends:
                b.start()
            self._wait_ready()
            self._start_nginx(nginx)
            self._write_state()
            self._supervisor = threading.Thread(target=self._supervise, name="supervisor", daemon=True)
            self._supervisor.start()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.startup_timeout_s
        waiting = list(self.backends)
        while waiting:
            for b in list(waiting):
                code = b.exited()
                if code is not None:
                    raise ServeError(f"backend :{b.port} exited with code {code}:\n{_log_tail(b.log)}")
                if health(b.port):
                    b.ready = True
                    waiting.remove(b)
                    n = self.backends.index(b) + 1
                    self.say(f"backend {n}/{len(self.backends)} ready: {b.url} (pid {b.pid})")
            if waiting and time.monotonic() > deadline:
                names = ", ".join(f":{b.port}" for b in waiting)
                raise ServeError(f"backend(s) {names} not healthy after {self.startup_timeout_s:.0f} s")
            if waiting:
                time.sleep(0.3)
        if self.warm:
            threads = [threading.Thread(target=self._warm, args=(b,)) for b in self.backends]
            for t in threads:
                t.start()
            for t in threads:
                t.join()

    def _warm(self, b: Backend) -> None:
        try:
            seconds = warm_up(b.port)
            self.say(f"backend :{b.port} warmed up ({len(WARM_PAGES)} pages run once) in {seconds:.1f} s")
        except Exception as err:  # noqa: BLE001 - a cold process still serves, only slower
            self.say(f"backend :{b.port} warm-up failed ({err!r}); the first student waits for it")

    def _start_nginx(self, nginx: str) -> None:
        conf = self.run_dir / "nginx.conf"
        listen = f"{self.host}:{self.port}" if self.host not in ("", "0.0.0.0") else str(self.port)
        conf.write_text(render_config(listen, [f"127.0.0.1:{p}" for p in self.backend_ports], self.run_dir))
        directives = "daemon off;"
        if os.geteuid() == 0:
            # As root nginx switches its worker to a user; its compiled-in default group
            # ("nobody") does not exist on Debian. Run serve.py as an ordinary user instead.
            user = pwd.getpwnam("nobody")
            directives += f" user {user.pw_name} {grp.getgrgid(user.pw_gid).gr_name};"
        base = [nginx, "-p", f"{self.run_dir}/", "-c", str(conf), "-e", str(self.run_dir / "logs/error.log")]
        test = subprocess.run([*base, "-t", "-q", "-g", directives], capture_output=True, text=True)
        if test.returncode != 0:
            raise ServeError(f"nginx rejected {conf}:\n{test.stderr.strip()}")
        self._nginx_command = [*base, "-g", directives]
        self._launch_nginx()

    def _launch_nginx(self) -> None:
        self.nginx = subprocess.Popen(
            self._nginx_command, cwd=self.run_dir, stdin=subprocess.DEVNULL, start_new_session=True
        )
        deadline = time.monotonic() + 15
        while not health(self.port, host=self.reach_host, timeout=5):
            if self.nginx.poll() is not None:
                log = self.run_dir / "logs/error.log"
                raise ServeError(f"nginx exited with code {self.nginx.returncode}; {log}:\n{_log_tail(log)}")
            if time.monotonic() > deadline:
                raise ServeError(f"nginx does not answer on port {self.port}")
            time.sleep(0.2)

    def _write_state(self) -> None:
        state = {
            "url": self.url,
            "nginx": {"pid": self.nginx.pid if self.nginx else None, "port": self.port},
            "backends": self.backend_processes(),
        }
        tmp = self.run_dir / "backends.json.tmp"
        tmp.write_text(json.dumps(state, indent=2) + "\n")
        tmp.replace(self.run_dir / "backends.json")
        self._state_written = True

    # -- supervise ---------------------------------------------------------------------------
    def _supervise(self) -> None:
        while not self._stop.wait(self.poll_s):
            for b in self.backends:
                if self._stop.is_set():
                    return
                try:
                    self.check(b)
                except Exception as err:  # noqa: BLE001 - the supervisor must keep running
                    self.say(f"supervisor: checking :{b.port} failed: {err!r}")
            if self.nginx is not None and self.nginx.poll() is not None and not self._stop.is_set():
                self.say(f"nginx exited with code {self.nginx.returncode}; restarting it")
                self.nginx_restarts += 1
                # A master that was killed leaves its worker holding the port: end it first.
                _signal_group(self.nginx, signal.SIGKILL)
                try:
                    self._launch_nginx()
                    self.say(f"nginx running again (pid {self.nginx.pid})")
                except ServeError as err:
                    self.say(f"nginx did not come back ({err}); trying again in {self.poll_s:.0f} s")
                self._write_state()

    def check(self, b: Backend) -> None:
        """One supervision step for one process: restart it when dead or unhealthy."""
        code = b.exited()
        if code is not None:
            self.say(f"backend :{b.port} (pid {b.pid}) exited with code {code}; restarting it")
            with self._lock:
                b.restart()
            self._write_state()
            return
        if health(b.port, timeout=min(self.poll_s, 5.0)):
            if not b.ready:
                b.ready = True
                self.say(f"backend :{b.port} ready again (pid {b.pid}, restart {b.restarts})")
                if self.warm:
                    self._warm(b)
            b.fails = 0
            return
        if not b.ready and time.monotonic() - b.started_at < self.startup_timeout_s:
            return  # still importing torch after a restart
        b.fails += 1
        if b.fails >= FAILS_BEFORE_RESTART:
            self.say(f"backend :{b.port} (pid {b.pid}) failed {b.fails} health checks; restarting it")
            with self._lock:
                b.restart()
            self._write_state()

    # -- stop --------------------------------------------------------------------------------
    def stop(self) -> None:
        """Stop nginx (no new requests), then every Streamlit process; safe to call twice."""
        self._stop.set()
        if self._supervisor is not None and self._supervisor is not threading.current_thread():
            self._supervisor.join(timeout=30)
        _stop_group(self.nginx, 10)  # SIGTERM: nginx's fast shutdown, open websockets close
        with self._lock:
            for b in self.backends:
                b.terminate()
            deadline = time.monotonic() + 15
            for b in self.backends:
                b.wait(deadline - time.monotonic())
        if self._state_written:  # not another instance's file (one refused for busy ports)
            with contextlib.suppress(OSError):
                (self.run_dir / "backends.json").unlink()

    def __enter__(self) -> Served:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start(
    replicas: int | None = None,
    port: int = 8501,
    *,
    host: str = "0.0.0.0",
    backend_ports: Sequence[int] | None = None,
    run_dir: Path = RUN_DIR,
    poll_s: float = POLL_S,
    echo: bool = True,
    warm: bool = True,
) -> Served:
    """Start the whole stack and return it, started (also a context manager that stops it).

    ``port=0`` picks a free port; ``backend_ports`` defaults to 8601, 8602, ...
    """
    return Served(replicas, port, host, backend_ports, run_dir, poll_s, echo=echo, warm=warm).start()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.serve", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--replicas",
        type=int,
        default=None,
        help=f"Streamlit processes (default: CPU cores, {default_replicas()})",
    )
    parser.add_argument(
        "--port",
        type=int,
        default=int(os.environ.get("PORT", 8501)),
        help="nginx's port (default 8501, or $PORT)",
    )
    parser.add_argument("--host", default="0.0.0.0", help="address nginx listens on (default: all)")
    parser.add_argument(
        "--backend-port", type=int, default=FIRST_BACKEND_PORT, help="first Streamlit port (default 8601)"
    )
    parser.add_argument("--no-warm", action="store_true", help="skip running the home page once per process")
    args = parser.parse_args(argv)
    if find_nginx() is None:
        print(INSTALL_HINT, file=sys.stderr)
        return 2
    replicas = args.replicas or default_replicas()
    if replicas < 1:
        parser.error("--replicas must be at least 1")

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, interrupt)  # also when started with SIGINT ignored (nohup, &)
    signal.signal(signal.SIGTERM, interrupt)
    ports = range(args.backend_port, args.backend_port + replicas)
    served = Served(replicas, args.port, args.host, ports, warm=not args.no_warm)
    _say(f"starting {replicas} Streamlit process(es) on 127.0.0.1:{args.backend_port}+")
    _say(f"logs: {served.run_dir / 'logs'}")
    code = 0
    try:
        served.start()
        _say(f"serving {served.url}  (nginx pid {served.nginx.pid}; Ctrl-C stops)")
        if args.host in ("0.0.0.0", "") and (lan := lan_address()):
            _say(f"students open: http://{lan}:{served.port}")
        while True:
            time.sleep(1)
    except KeyboardInterrupt:
        _say("stopping")
    except ServeError as err:
        print(f"deploy.serve: {err}", file=sys.stderr)
        code = 1
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        served.stop()
    _say("stopped")
    return code


if __name__ == "__main__":
    sys.exit(main())
