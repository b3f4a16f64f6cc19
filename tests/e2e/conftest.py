"""What the browser tests share: Debian's Chromium driven by the playwright package, launched once
per xdist worker for the whole session (test_browser.py and test_url.py each launched their own)."""

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
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


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists() or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason="Debian's chromium is not installed (make test installs it)")
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(skip)


# How long a page may take to show what a test waits for. A verdict must not depend on the wall
# clock: a 2-core machine under load took over a minute for one page, and a wait that ends early
# fails a right page. A page that never shows it still fails, at pytest's own per-test timeout.
WAIT_MS = 400_000


class Browser:
    """Chromium, whose every new page waits up to WAIT_MS (playwright's default is 30 s)."""

    def __init__(self, chromium):
        self.chromium = chromium

    def new_page(self, **options):
        page = self.chromium.new_page(**options)
        page.set_default_timeout(WAIT_MS)
        return page


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield Browser(b)
        b.close()
