"""`streamlit run app.py` for the browser tests, on a free loopback port (tests/e2e/conftest.py's
shared server and test_url.py's own small apps and fresh servers), started as `make run` starts it
(deploy/launch.py: TCP_NODELAY on every connection)."""

import subprocess
from pathlib import Path

import pytest

from deploy import launch
from deploy.serve import free_port, wait_healthy


def start(root: Path, what: str, log=subprocess.DEVNULL, polls: int = 600, every_s: float = 0.5):
    """Start the app in ``root``; (the process, its URL) once it answers its health check.

    ``polls`` bounds the wait by a count, not a clock (torch's import may take minutes under load);
    a server that never answers is killed and the test fails, naming ``what``."""
    port = free_port()
    proc = subprocess.Popen(
        launch.argv(port, "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"),
        cwd=root,
        stdout=log,
        stderr=subprocess.STDOUT if log is not subprocess.DEVNULL else subprocess.DEVNULL,
    )
    if wait_healthy(port, proc, polls, every_s):
        return proc, f"http://127.0.0.1:{port}"
    proc.kill()
    proc.wait()
    pytest.fail(f"{what} did not become healthy")


def stop(procs: list) -> None:
    for proc in procs:
        proc.terminate()
        proc.wait(timeout=20)
