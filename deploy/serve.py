"""Serve the app to a class: one Streamlit process per CPU core behind nginx, under supervisord.

    .venv/bin/python -m deploy.serve                 # http://<this machine>:8501
    .venv/bin/python -m deploy.serve --replicas 2 --port 8080

What it does:

- renders ``deploy/run/supervisord.conf`` (from ``deploy/supervisord.conf.template``) with one
  ``[program:backend-<port>]`` per CPU core (``os.sched_getaffinity``; ``--replicas`` overrides)
  on loopback ports 8601, 8602, ..., and ``[program:nginx]``; and ``deploy/run/nginx.conf``
  (from ``deploy/nginx.conf.template``). Every process gets the same cookie secret (env
  ``STREAMLIT_COOKIE_SECRET``, else one generated once into ``deploy/run/cookie_secret``, mode
  0600) and ``EXPLAINER_TORCH_THREADS=1`` (the processes, not torch, share out the cores);
- runs supervisord (PyPI ``supervisor``), waits until each Streamlit process answers
  ``GET /_stcore/health``, runs the pages a class opens first once in each, then has
  supervisord start nginx;
- supervisord restarts a process that exits; nginx takes one that stops answering out of
  rotation (``max_fails``) until it answers again. Ctrl-C (SIGINT) or SIGTERM stops everything.

Operators use the ordinary tools: ``supervisorctl -c deploy/run/supervisord.conf status``
(``restart backend-8601``, ``tail -f nginx``). Each process runs with ``runner.postScriptGC`` off
and oneDNN's kernel cache cut to 32 entries (see ``app_environment``).

Logs: ``deploy/run/logs/`` (``backend-<port>.log``, ``supervisord.log``, nginx's ``error.log``
and ``access.log``). ``deploy/run/backends.json`` names the running processes (bench/memory.py
reads it).

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
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import xmlrpc.client
from collections.abc import Sequence
from pathlib import Path

from deploy import launch

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.template"
SUPERVISOR_TEMPLATE = Path(__file__).resolve().parent / "supervisord.conf.template"
RUN_DIR = Path(__file__).resolve().parent / "run"
FIRST_BACKEND_PORT = 8601
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


def wait_healthy(
    port: int, proc: subprocess.Popen | None = None, polls: int = 600, every_s: float = 0.3
) -> bool:
    """Poll ``health`` until the server on ``port`` answers: False after ``polls`` tries (a count, not
    a clock: torch's import takes minutes on a busy machine) or once ``proc`` (its process) has exited."""
    for _ in range(polls):
        if health(port, timeout=2):
            return True
        if proc is not None and proc.poll() is not None:
            return False
        time.sleep(every_s)
    return False


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


def find_supervisord() -> str:
    """supervisord from this Python's environment (requirements.txt installs it into .venv)."""
    beside = Path(sys.executable).with_name("supervisord")
    found = str(beside) if beside.exists() else shutil.which("supervisord")
    if found is None:
        raise ServeError("supervisord is not installed: .venv/bin/pip install -r requirements.txt")
    return found


def app_environment(run_dir: Path) -> dict[str, str]:
    """What every Streamlit process is started with, on top of the caller's environment."""
    return {
        # the same secret in every process (what --server.cookieSecret sets, kept out of `ps`)
        "STREAMLIT_SERVER_COOKIE_SECRET": cookie_secret(run_dir),
        # one torch thread per process (the app reads EXPLAINER_TORCH_THREADS; OMP/MKL cover the
        # thread pools torch creates at import)
        "EXPLAINER_TORCH_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        # Streamlit runs a full gc.collect() after every script run. With torch, plotly and pandas
        # loaded that walks millions of objects: measured here 0.25 s of the 0.3 s CPU a rerun of
        # the shapes page costs (0.05 s without it). Python's own collector still runs: under
        # bench/load.py's soak RSS stayed flat. Set it to "true" to keep Streamlit's default.
        "STREAMLIT_RUNNER_POST_SCRIPT_GC": os.environ.get("STREAMLIT_RUNNER_POST_SCRIPT_GC", "false"),
        # torch runs LSTM/GRU/RNN on CPU through oneDNN, which keeps up to 1024 compiled kernels
        # per process, one per new shape: RSS grew ~0.3 MB per new setting, linearly; with 32
        # kept it levelled off (396 -> 425 MB over 500 changes), at the same latency.
        "ONEDNN_PRIMITIVE_CACHE_CAPACITY": os.environ.get("ONEDNN_PRIMITIVE_CACHE_CAPACITY", "32"),
        "PYTHONUNBUFFERED": "1",
    }


def _ini(value: str) -> str:
    """A value as supervisord reads it: its own %(name)s expansion escaped."""
    return value.replace("%", "%%")


def render_supervisor(
    run_dir: Path,
    backend_ports: Sequence[int],
    environment: dict[str, str],
    nginx_command: Sequence[str],
    template: Path = SUPERVISOR_TEMPLATE,
) -> str:
    """supervisord.conf: one program per Streamlit process, and nginx (started once they are warm)."""
    env = ",".join(f'{k}="{_ini(v)}"' for k, v in environment.items())
    programs = []
    for port in backend_ports:
        command = launch.argv(port)  # on 127.0.0.1: only nginx reaches it
        programs.append(
            f"""[program:backend-{port}]
command = {_ini(shlex.join(command))}
directory = {_ini(str(ROOT))}
environment = {env}
autorestart = true
startsecs = 5
stopasgroup = true
killasgroup = true
stopwaitsecs = 15
redirect_stderr = true
stdout_logfile = {_ini(str(run_dir))}/logs/backend-{port}.log
stdout_logfile_maxbytes = 10MB
stdout_logfile_backups = 2
priority = 100
"""
        )
    programs.append(
        f"""[program:nginx]
command = {_ini(shlex.join(nginx_command))}
directory = {_ini(str(run_dir))}
autostart = false
autorestart = true
startsecs = 1
stopasgroup = true
killasgroup = true
redirect_stderr = true
stdout_logfile = {_ini(str(run_dir))}/logs/nginx.out.log
priority = 200
"""
    )
    return (
        template.read_text()
        .replace("@@RUN@@", _ini(str(run_dir)))
        .replace("@@ROOT@@", _ini(str(ROOT)))
        .replace("@@PROGRAMS@@", "\n".join(programs))
    )


class Served:
    """supervisord with nginx and the Streamlit processes; ``start()`` builds one."""

    def __init__(
        self,
        replicas: int | None = None,
        port: int = 8501,
        host: str = "0.0.0.0",
        backend_ports: Sequence[int] | None = None,
        run_dir: Path = RUN_DIR,
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
        self.startup_timeout_s = startup_timeout_s
        self.echo = echo
        self.warm = warm
        self.supervisord: subprocess.Popen | None = None
        self._state_written = False

    # -- what callers read -------------------------------------------------------------------
    @property
    def reach_host(self) -> str:
        """The address this machine reaches nginx on."""
        return "127.0.0.1" if self.host in ("0.0.0.0", "", "::") else self.host

    @property
    def url(self) -> str:
        return f"http://{self.reach_host}:{self.port}"

    @property
    def config(self) -> Path:
        return self.run_dir / "supervisord.conf"

    def rpc(self) -> xmlrpc.client.ServerProxy:
        """supervisord's own XML-RPC interface (what supervisorctl talks to), over its socket."""
        from supervisor.xmlrpc import SupervisorTransport

        transport = SupervisorTransport(None, None, f"unix://{self.run_dir}/supervisor.sock")
        return xmlrpc.client.ServerProxy("http://127.0.0.1", transport=transport)

    def processes(self) -> dict[str, dict]:
        """supervisord's record of each program (name -> state, pid, ...)."""
        return {info["name"]: info for info in self.rpc().supervisor.getAllProcessInfo()}

    def backend_pids(self) -> list[int]:
        infos = self.processes()
        return [infos[f"backend-{p}"]["pid"] for p in self.backend_ports if infos[f"backend-{p}"]["pid"]]

    def backend_urls(self) -> list[str]:
        return [f"http://127.0.0.1:{p}" for p in self.backend_ports]

    def backend_processes(self) -> list[dict]:
        """[{"url", "pid"}] for bench.memory.server_memory."""
        infos = self.processes()
        return [
            {"url": f"http://127.0.0.1:{p}", "pid": infos[f"backend-{p}"]["pid"] or None}
            for p in self.backend_ports
        ]

    def say(self, message: str) -> None:
        if self.echo:
            _say(message)

    # -- start -------------------------------------------------------------------------------
    def start(self) -> Served:
        nginx = find_nginx()
        if nginx is None:
            raise ServeError(INSTALL_HINT)
        supervisord = find_supervisord()
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
        nginx_command = self._nginx_command(nginx)
        # mode 0600 before anything is written: the file carries the cookie secret
        fd = os.open(self.config, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as conf:
            conf.write(
                render_supervisor(
                    self.run_dir, self.backend_ports, app_environment(self.run_dir), nginx_command
                )
            )
        env = {k: v for k, v in os.environ.items() if k != "STREAMLIT_COOKIE_SECRET"}
        log = open(self.run_dir / "logs" / "supervisord.out", "ab")  # noqa: SIM115 - kept by the child
        self.supervisord = subprocess.Popen(
            [supervisord, "-c", str(self.config)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a Ctrl-C reaches serve.py, which stops supervisord in order
        )
        log.close()
        try:
            self._wait_ready()
            self._start_nginx()
            self._write_state()
        except BaseException:
            self.stop()
            raise
        return self

    def _nginx_command(self, nginx: str) -> list[str]:
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
        return [*base, "-g", directives]

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.startup_timeout_s
        waiting = list(self.backend_ports)
        while waiting:
            if self.supervisord is not None and self.supervisord.poll() is not None:
                raise ServeError(
                    f"supervisord exited with code {self.supervisord.returncode}:\n"
                    + _log_tail(self.run_dir / "logs" / "supervisord.out")
                )
            for port in list(waiting):
                if health(port):
                    waiting.remove(port)
                    n = self.backend_ports.index(port) + 1
                    self.say(f"backend {n}/{len(self.backend_ports)} ready: http://127.0.0.1:{port}")
            if waiting and time.monotonic() > deadline:
                names = ", ".join(f":{p}" for p in waiting)
                logs = "\n".join(_log_tail(self.run_dir / "logs" / f"backend-{p}.log") for p in waiting)
                raise ServeError(
                    f"backend(s) {names} not healthy after {self.startup_timeout_s:.0f} s:\n{logs}"
                )
            if waiting:
                time.sleep(0.3)
        if self.warm:
            threads = [threading.Thread(target=self._warm, args=(p,)) for p in self.backend_ports]
            for t in threads:
                t.start()
            for t in threads:
                t.join()

    def _warm(self, port: int) -> None:
        try:
            seconds = warm_up(port)
            self.say(f"backend :{port} warmed up ({len(WARM_PAGES)} pages run once) in {seconds:.1f} s")
        except Exception as err:  # noqa: BLE001 - a cold process still serves, only slower
            self.say(f"backend :{port} warm-up failed ({err!r}); the first student waits for it")

    def _start_nginx(self) -> None:
        self.rpc().supervisor.startProcess("nginx")  # waits for its startsecs
        deadline = time.monotonic() + 15
        while not health(self.port, host=self.reach_host, timeout=5):
            if time.monotonic() > deadline:
                log = self.run_dir / "logs/error.log"
                raise ServeError(f"nginx does not answer on port {self.port}; {log}:\n{_log_tail(log)}")
            time.sleep(0.2)

    def _write_state(self) -> None:
        state = {
            "url": self.url,
            "supervisord": {
                "pid": self.supervisord.pid if self.supervisord else None,
                "config": str(self.config),
            },
            "nginx": {"pid": self.processes()["nginx"]["pid"], "port": self.port},
            "backends": self.backend_processes(),
        }
        tmp = self.run_dir / "backends.json.tmp"
        tmp.write_text(json.dumps(state, indent=2) + "\n")
        tmp.replace(self.run_dir / "backends.json")
        self._state_written = True

    def wait(self) -> int:
        """Until supervisord exits; its exit code."""
        return self.supervisord.wait() if self.supervisord is not None else 0

    # -- stop --------------------------------------------------------------------------------
    def stop(self) -> None:
        """Stop supervisord, which stops nginx first (priority), then every Streamlit process."""
        proc = self.supervisord
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                proc.send_signal(signal.SIGTERM)  # supervisord's own orderly shutdown
            try:
                proc.wait(timeout=40)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
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
    echo: bool = True,
    warm: bool = True,
) -> Served:
    """Start the whole stack and return it, started (also a context manager that stops it).

    ``port=0`` picks a free port; ``backend_ports`` defaults to 8601, 8602, ...
    """
    return Served(replicas, port, host, backend_ports, run_dir, echo=echo, warm=warm).start()


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
    parser.add_argument(
        "--no-warm", action="store_true", help="skip running the first pages once per process"
    )
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
    _say(f"starting supervisord with {replicas} Streamlit process(es) on 127.0.0.1:{args.backend_port}+")
    _say(f"logs: {served.run_dir / 'logs'};  supervisorctl -c {served.config} status")
    code = 0
    try:
        served.start()
        _say(f"serving {served.url}  (Ctrl-C stops)")
        if args.host in ("0.0.0.0", "") and (lan := lan_address()):
            _say(f"students open: http://{lan}:{served.port}")
        code = served.wait()
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
