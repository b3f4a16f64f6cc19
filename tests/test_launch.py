"""deploy/launch.py: every connection to a Streamlit process of this app has Nagle's algorithm off.

asyncio sets TCP_NODELAY on an accepted connection only when the socket says IPPROTO_TCP; these
tests accept a real loopback connection on Streamlit's own listening socket and on the launcher's,
and read the option back from the accepted socket, as asyncio left it.
"""

import asyncio
import concurrent.futures
import shlex
import socket

import pytest
from streamlit.web.server.starlette import starlette_server
from tests_paths import ROOT

from deploy import launch, serve


def accepted_nodelay(listener: socket.socket) -> int:
    """TCP_NODELAY on a connection accepted by an asyncio server on ``listener`` (as uvicorn serves)."""

    async def accept_one() -> int:
        loop = asyncio.get_running_loop()
        got: asyncio.Future = loop.create_future()

        class Report(asyncio.Protocol):
            def connection_made(self, transport):
                sock = transport.get_extra_info("socket")
                got.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
                transport.close()

        server = await loop.create_server(Report, sock=listener)
        _, writer = await asyncio.open_connection(*listener.getsockname()[:2])
        try:
            return await got  # pytest's own timeout bounds a hang
        finally:
            writer.close()
            server.close()
            await server.wait_closed()

    # a thread of its own: a test before this one in the same worker (playwright's sync API) may
    # leave an event loop running in this one
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, accept_one()).result()


def test_streamlits_own_listener_leaves_nagle_on():
    """Why the launcher exists. When this fails, Streamlit binds its socket with IPPROTO_TCP itself
    (as uvicorn's fix for Kludex/uvicorn#3149 does): deploy/launch.py can go, and the commands that
    use it can be `streamlit run` again."""
    listener = starlette_server._bind_socket("127.0.0.1", 0, 8)
    assert listener.proto == 0
    assert accepted_nodelay(listener) == 0


def test_the_launchers_listener_turns_nagle_off():
    listener = launch.tcp_listener(starlette_server._bind_socket("127.0.0.1", 0, 8))
    assert listener.proto == socket.IPPROTO_TCP
    assert not listener.getblocking() and listener.get_inheritable()  # as Streamlit left it
    assert accepted_nodelay(listener) == 1


def test_the_launcher_patches_streamlits_bind_once(monkeypatch):
    monkeypatch.setattr(starlette_server, "_bind_socket", starlette_server._bind_socket)
    assert launch.patch_streamlit() and launch.patch_streamlit()
    listener = starlette_server._bind_socket("127.0.0.1", 0, 8)
    assert listener.proto == socket.IPPROTO_TCP
    assert accepted_nodelay(listener) == 1


@pytest.mark.parametrize("family, address", [(socket.AF_INET, "127.0.0.1"), (socket.AF_UNIX, None)])
def test_other_sockets_are_left_as_they_are(tmp_path, family, address):
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP if address else 0)
    sock.bind((address, 0) if address else str(tmp_path / "s"))
    try:
        assert launch.tcp_listener(sock) is sock
    finally:
        sock.close()


def test_make_run_and_make_serve_start_the_app_through_the_launcher(tmp_path):
    conf = serve.render_supervisor(tmp_path, [8601, 8602], {}, ["nginx"])
    backends = [line for line in conf.splitlines() if line.startswith("command") and "app.py" in line]
    assert len(backends) == 2 and all(shlex.join(launch.COMMAND) in line for line in backends)
    recipe = (ROOT / "Makefile").read_text().split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "-m deploy.launch run app.py" in recipe
