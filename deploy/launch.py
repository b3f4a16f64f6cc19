"""How every Streamlit process of this app starts: ``streamlit run`` with Nagle's algorithm off on
each connection. The same arguments as the streamlit command:

    .venv/bin/python -m deploy.launch run app.py --server.port 8501

Why: Streamlit 1.67 binds its listening socket itself (``starlette_server._bind_socket``) with
``socket.socket(family)``, which leaves the socket's ``proto`` at 0. Accepted connections inherit
it, and asyncio turns TCP_NODELAY on only for a socket whose ``proto`` is IPPROTO_TCP
(``asyncio.base_events._set_nodelay``), so every connection kept Nagle's algorithm: a small write
that follows another waits for the peer's ACK, which Linux delays by up to 40 ms. uvicorn's own
pre-bound sockets have the same flaw (Kludex/uvicorn#3149). Measured here on 2026-12-07:

- through nginx, which keeps its connections to the processes open, every request after a
  connection's first (``/_stcore/health``, ``host-config``, the page) took ~45 ms instead of
  ~2 ms: uvicorn writes a response's headers and its body separately;
- a rerun's messages over the websocket, straight to one process (``bench.student`` changing the
  seed on the hidden-states page, 45 changes each way, in turns): median 47.9 ms, 31.9 ms with
  this fix.

In Chromium on this 2-core machine a page loads and reruns as fast as before, within the noise:
the browser's own work dominates there, and it fetches health and host-config beside the bundles.
The waits showed in every request nginx repeats on a kept-alive connection and in what the load
client (bench/) times.

The fix: the same listening socket, taken again from its file descriptor, for which Python reads
the protocol back from the kernel (IPPROTO_TCP). A Streamlit without ``_bind_socket`` starts as
before, with a warning; tests/test_launch.py fails when Streamlit's socket no longer needs it.
"""

from __future__ import annotations

import logging
import socket
import sys
from pathlib import Path

# The command that starts a process (any working directory: it needs nothing of this repository
# on sys.path); then "app.py" and streamlit's options.
COMMAND = (sys.executable, str(Path(__file__).resolve()), "run")


def argv(port: int, *options: str) -> list[str]:
    """One process of the app (app.py in the working directory) on 127.0.0.1:``port``, which only
    this machine reaches (nginx, the tests, the bench), headless; then ``options``."""
    where = ["--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true"]
    return [*COMMAND, "app.py", *where, *options]


def tcp_listener(sock: socket.socket) -> socket.socket:
    """``sock``, a bound and listening TCP socket, as a socket object whose ``proto`` the kernel
    reports (IPPROTO_TCP): connections it accepts get TCP_NODELAY from asyncio."""
    if sock.family not in (socket.AF_INET, socket.AF_INET6) or sock.proto == socket.IPPROTO_TCP:
        return sock
    blocking, inheritable = sock.getblocking(), sock.get_inheritable()
    again = socket.socket(fileno=sock.detach())  # family, type and proto read from the descriptor
    again.setblocking(blocking)
    again.set_inheritable(inheritable)
    return again


def patch_streamlit() -> bool:
    """Make Streamlit's server bind through ``tcp_listener``; False where this Streamlit has no
    ``_bind_socket`` to wrap."""
    try:
        from streamlit.web.server.starlette import starlette_server
    except ImportError:
        return False
    bind = getattr(starlette_server, "_bind_socket", None)
    if bind is None:
        return False
    if getattr(bind, "tcp_listener", False):
        return True

    def bind_socket(address: str, port: int, backlog: int) -> socket.socket:
        return tcp_listener(bind(address, port, backlog))

    bind_socket.tcp_listener = True  # type: ignore[attr-defined]
    starlette_server._bind_socket = bind_socket
    return True


def main(argv: list[str]) -> None:
    if not patch_streamlit():
        logging.getLogger(__name__).warning(
            "deploy.launch: this Streamlit has no starlette_server._bind_socket; started without TCP_NODELAY"
        )
    from streamlit.web.cli import main as streamlit_main

    sys.argv = ["streamlit", *argv]
    streamlit_main(prog_name="streamlit")


if __name__ == "__main__":
    if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
        del sys.path[0]  # run by its path (COMMAND): deploy/ is no place to import the app's modules from
    main(sys.argv[1:])
