"""Browser figures for `make bench`: cold start and a setting's round trip, in Debian's chromium.

cold_start_s: from launching `streamlit run app.py` to the home page fully rendered (connected,
script finished, title drawn) in headless chromium. browser_roundtrip_ms: on the hidden-state
page, the seed typed into the sidebar until the heatmap in the page holds the new numbers.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from deploy import launch, serve

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


def start_server(port: int, log) -> subprocess.Popen:
    return subprocess.Popen(
        launch.argv(port),
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def wait_healthy(port: int, proc: subprocess.Popen) -> None:
    """Polled every 50 ms (the cold start is timed through it), at most 3,600 times."""
    if not serve.wait_healthy(port, proc, polls=3600, every_s=0.05):
        raise RuntimeError("streamlit did not become healthy")


def measure(roundtrips: int = 7) -> dict:
    """Both browser figures from one fresh server. The browser is launched before the clock starts."""
    from playwright.sync_api import sync_playwright

    port = serve.free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = ROOT / "artifacts" / "bench-streamlit.log"
    log_path.parent.mkdir(exist_ok=True)
    with open(log_path, "w") as log, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        start = time.perf_counter()
        proc = start_server(port, log)
        try:
            wait_healthy(port, proc)
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


# --- weight on the wire: what each page costs a phone ------------------------------------------

# Lighthouse's mobile profile ("slow 4G"): 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up.
# Network only: the CPU of this machine is not slowed (it is already shared and loaded).
PHONE_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
PHONE_VIEW = {"width": 390, "height": 844}
DESKTOP_VIEW = {"width": 1400, "height": 1000}

# Fully drawn: connected, the script finished, the title there, every chart drawn, the frame's
# script run (it sets the document language), the web fonts in, and no HTTP request pending.
DRAWN = """() => {
    const app = document.querySelector('[data-testid=stApp]');
    if (!app || app.getAttribute('data-test-connection-state') !== 'CONNECTED'
        || app.getAttribute('data-test-script-state') !== 'notRunning'
        || !document.querySelector('h1')) return false;
    const charts = document.querySelectorAll('[data-testid=stPlotlyChart]');
    for (const c of charts) if (!c.querySelector('.main-svg')) return false;
    return !!window.__rnnFrame && document.fonts.status === 'loaded';
}"""


def page_weight(browser, url: str, phone: bool) -> dict:
    """One cold visit (empty cache): bytes over HTTP and the websocket, and seconds to fully drawn."""
    context = browser.new_context(
        viewport=PHONE_VIEW if phone else DESKTOP_VIEW, is_mobile=phone, has_touch=phone
    )
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    if phone:
        cdp.send("Network.emulateNetworkConditions", PHONE_4G)
    sizes: dict[str, int] = {}
    urls: dict[str, str] = {}
    pending: set[str] = set()
    ws = {"bytes": 0}

    def sent(e: dict) -> None:
        urls[e["requestId"]] = e["request"]["url"]
        pending.add(e["requestId"])

    def finished(e: dict) -> None:
        sizes[e["requestId"]] = int(e["encodedDataLength"])
        pending.discard(e["requestId"])

    def frame(e: dict) -> None:
        ws["bytes"] += len(e["response"]["payloadData"])

    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.loadingFinished", finished)
    cdp.on("Network.loadingFailed", lambda e: pending.discard(e["requestId"]))
    cdp.on("Network.webSocketFrameReceived", frame)
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    deadline = start + 180
    # Drawn and nothing still loading, both at once: a chart's lazily loaded bundle arrives after
    # the page first looks complete, and draws only then.
    while True:
        page.wait_for_function(DRAWN, timeout=180_000, polling=100)
        while pending and time.perf_counter() < deadline:
            page.wait_for_timeout(50)
        if page.evaluate(DRAWN) or time.perf_counter() > deadline:
            break
    drawn_s = time.perf_counter() - start
    largest = sorted(((n, urls.get(r, "?")) for r, n in sizes.items()), reverse=True)[:3]
    context.close()
    return {
        "drawn_s": round(drawn_s, 2),
        "http_kb": round(sum(sizes.values()) / 1024, 1),
        "websocket_kb": round(ws["bytes"] / 1024, 1),  # base64 of binary frames: ~4/3 of the wire
        "requests": len(sizes),
        "largest": [(round(n / 1024, 1), u.rsplit("/", 1)[-1].split("?")[0]) for n, u in largest],
    }


def measure_weight(pages=None) -> dict:
    """Every page, desktop and emulated 4G phone, against a fresh `streamlit run` (what `make run` serves)."""
    from playwright.sync_api import sync_playwright

    from ui.pages import PAGES

    port = serve.free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = ROOT / "artifacts" / "bench-weight-streamlit.log"
    log_path.parent.mkdir(exist_ok=True)
    results: dict[str, dict] = {}
    with open(log_path, "w") as log, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        proc = start_server(port, log)
        try:
            wait_healthy(port, proc)
            page_weight(browser, f"{url}/?lang=en", phone=False)  # warm the server's imports and caches
            for page in pages or PAGES:
                link = f"{url}/{page.url_path}?lang=zh"
                results[page.name] = {
                    "desktop": page_weight(browser, link, phone=False),
                    "phone_4g": page_weight(browser, link, phone=True),
                }
        finally:
            browser.close()
            proc.terminate()
            proc.wait(timeout=20)
    return results


if __name__ == "__main__":  # python -m bench.browser weight [page ...]: this section alone
    import json

    from ui.pages import BY_NAME

    names = sys.argv[2:] if len(sys.argv) > 1 and sys.argv[1] == "weight" else []
    print(json.dumps(measure_weight([BY_NAME[n] for n in names] or None), indent=1))
