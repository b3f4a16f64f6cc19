"""What the browser tests share: Debian's Chromium driven by the playwright package, launched once
per xdist worker for the whole session, and one browser context per kind of window.

A page load cost about 8 CPU seconds of Chromium, most of the browser tests' time. Three things cut
it (measured on the Shapes page, 1400x3600, 2-core machine): Debian's chromium-headless-shell, the
same Chromium without the browser's own window and WebUI (about -1 s); reduced motion, so
Streamlit's transitions are not painted frame by frame in software (the compositor's -1.4 s); and one
context per window kind, so a page reuses the JavaScript the previous one loaded (about -1 s).
"""

import os
from pathlib import Path

import pytest
import streamlit_proc
from tests_paths import ARTIFACTS, ROOT

# Debian's headless shell (scripts/browser-deps.sh installs it); the full chromium where it is absent.
HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
CHROMIUM = HEADLESS_SHELL if Path(HEADLESS_SHELL).exists() else "/usr/bin/chromium"
# Flags the workplace documents: no sandbox as root, no background calls to a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
if CHROMIUM == HEADLESS_SHELL:
    # The shell hints glyphs to whole pixels by default: text came out wider than in chromium and
    # in a phone's browser, and lines wrapped elsewhere. Unhinted, it lays text out as they do.
    CHROMIUM_ARGS.append("--font-render-hinting=none")


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists() or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason="Debian's chromium is not installed (make test installs it)")
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(skip)


# E2E_CPU_SLOWDOWN=N runs every page with Chromium's CPU slowed N times (CDP), as on a slow phone,
# which widens the moments a page is still drawing: at 8, a deep link's sidebar number inputs
# showed their defaults for ~0.45 s after they appeared, a race a busy machine met once in dozens
# of runs. For hunting such reads; off by default.
CPU_SLOWDOWN = float(os.environ.get("E2E_CPU_SLOWDOWN") or 1)

# How long a page may take to show what a test waits for. A verdict must not depend on the wall
# clock: a 2-core machine under load took over a minute for one page, and a wait that ends early
# fails a right page. A page that never shows it still fails, at pytest's own per-test timeout.
WAIT_MS = 400_000


class Browser:
    """Chromium, whose every new page waits up to WAIT_MS (playwright's default is 30 s).

    Pages with the same window options share one context: its memory cache keeps Streamlit's and
    Plotly's scripts between tests. Each page is still its own Streamlit session (its own
    websocket), and nothing the app keeps lives in the browser's storage.
    """

    def __init__(self, chromium):
        self.chromium = chromium
        self.contexts = {}

    def new_page(self, **options):
        options.setdefault("reduced_motion", "reduce")
        key = repr(sorted(options.items()))
        if key not in self.contexts:
            self.contexts[key] = self.chromium.new_context(**options)
        context = self.contexts[key]
        page = context.new_page()
        if CPU_SLOWDOWN > 1:
            context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.set_default_timeout(WAIT_MS)
        return page


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import expect, sync_playwright

    # A value shown in a widget is asserted with expect(), which waits for it as a page action does.
    # Streamlit's number input first shows its default, then the script's value a render later: with
    # Chromium's CPU slowed 8 times, a deep link's num_layers and hidden_size read "2" and "20" for
    # ~0.45 s before "3" and "21", and test_url's deep-link test, reading one as soon as it appeared,
    # once saw num_layers 2 on a busy machine.
    expect.set_options(timeout=WAIT_MS)

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield Browser(b)
        b.close()


@pytest.fixture(scope="session")
def server():
    """`streamlit run app.py` on a free loopback port, one per xdist worker, shared by the browser
    tests that need not be its first request (test_url.py starts its own for those that must)."""
    # one server per xdist worker (make test runs two), each with its own log
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    name = f"streamlit-{worker}.log" if worker else "streamlit.log"
    ARTIFACTS.mkdir(exist_ok=True)
    with open(ARTIFACTS / name, "w") as log:
        proc, url = streamlit_proc.start(ROOT, f"streamlit (see artifacts/{name})", log)
        yield url
        streamlit_proc.stop([proc])
