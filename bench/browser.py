"""Browser figures for `make bench`: cold start and a setting's round trip, in Debian's chromium.

cold_start_s: from launching `streamlit run app.py` to the home page fully rendered (connected,
script finished, title drawn) in headless chromium. browser_roundtrip_ms: on the hidden-state
page, the seed typed into the sidebar until the heatmap in the page holds the new numbers.
"""

from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"]

SETTLED = """() => {
    const app = document.querySelector('[data-testid=stApp]');
    return app && app.getAttribute('data-test-connection-state') === 'CONNECTED'
        && app.getAttribute('data-test-script-state') === 'notRunning'
        && document.querySelector('h1') !== null;
}"""

# The first heatmap's first value, as drawn: Plotly decodes the base64 array into gd._fullData.
FIRST_Z = """() => {
    const gd = document.querySelector('.js-plotly-plot');
    const full = gd && gd._fullData && gd._fullData[0];
    if (!full || !full.z) return null;
    const z = full.z;
    const row = z[0] !== undefined && z[0].length !== undefined ? z[0] : z;
    return String(row[0]);
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, log) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
        + ["--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def wait_healthy(url: str, timeout: float = 90) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("streamlit did not become healthy")


def measure(roundtrips: int = 7) -> dict:
    """Both browser figures from one fresh server. The browser is launched before the clock starts."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = ROOT / "artifacts" / "bench-streamlit.log"
    log_path.parent.mkdir(exist_ok=True)
    with open(log_path, "w") as log, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        start = time.perf_counter()
        proc = start_server(port, log)
        try:
            wait_healthy(url)
            page.goto(url)
            page.wait_for_function(SETTLED, timeout=60_000, polling="raf")
            cold = time.perf_counter() - start

            page.goto(f"{url}/Hidden_states?lang=en")
            page.wait_for_function(SETTLED, timeout=60_000, polling="raf")
            page.wait_for_function(f"() => ({FIRST_Z})() !== null", timeout=60_000, polling="raf")
            box = page.locator("[data-testid=stNumberInput]").filter(has_text="seed").locator("input")
            times = []
            for seed in range(1, roundtrips + 2):
                before = page.evaluate(FIRST_Z)
                box.fill(str(seed))
                t0 = time.perf_counter()
                box.press("Enter")
                page.wait_for_function(
                    f"(before) => {{ const v = ({FIRST_Z})(); return v !== null && v !== before; }}",
                    arg=before,
                    timeout=30_000,
                    polling="raf",
                )
                times.append((time.perf_counter() - t0) * 1000)
                page.wait_for_function(SETTLED, timeout=30_000, polling="raf")
            return {
                "cold_start_s": round(cold, 2),
                "browser_roundtrip_ms": round(statistics.median(times[1:]), 1),  # the first warms caches
                "browser_roundtrip_samples_ms": [round(x, 1) for x in times],
            }
        finally:
            browser.close()
            proc.terminate()
            proc.wait(timeout=20)
