"""What the pinned Streamlit does with URL state and navigation, on tiny apps in a real browser.

Issue 15 asked for widgets bound to the query string (``bind="query-params"``, ``persist_state``)
and for Streamlit's own navigation. The tiny apps below pin 1.67's answers: they are why the app's
pages live in ``views/`` (not ``pages/``) and why app.py, an ``st.navigation`` entrypoint, draws the
frame once for every page; the day a new pin changes an answer, its test fails and names the
choice to revisit. The last tests check the app itself on those cases (a deep link opened first
after the server starts, a page switch, a reload, a bad value); the rest of its behaviour is tested
in test_browser.py and test_pages.py.
"""

import textwrap
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import streamlit_proc
from playwright.sync_api import expect
from tests_paths import ROOT

from explainer import i18n

# Chromium (the `browser` fixture), the app's shared server (`server`, for the tests that need not
# be its first request) and the skip where Chromium is missing: tests/e2e/conftest.py.

# A frame in the entrypoint, pages in a folder named `folder`: does a deep link get the frame?
NAV_APP = """
import streamlit as st
pg = st.navigation([st.Page("{folder}/home.py", default=True), st.Page("{folder}/b.py")])
st.write("FRAME RAN")
pg.run()
"""
# The frame as this app draws it: each page calls it first; one setting bound to the address.
BOUND_FRAME = """
import streamlit as st

def frame(page):
    n = st.sidebar.number_input(
        "n", 1, 100, 20, key="n", bind="query-params", persist_state="session"
    )
    st.sidebar.page_link("app.py", label="home")
    st.sidebar.page_link("pages/b.py", label="b")
    st.write(f"PAGE={page} n={n}")
"""


def _bound_app(root: Path) -> Path:
    """Two pages that each draw BOUND_FRAME first, as this app's pages draw ui.frame."""
    files = {"frame.py": BOUND_FRAME, "app.py": "from frame import frame\nframe('home')\n"}
    return _write(root, files | {"pages/b.py": "from frame import frame\nframe('b')\n"})


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return root


def _start(root: Path, procs: list) -> str:
    """Start `streamlit run app.py` in a folder (the process joins procs); its URL once healthy."""
    proc, url = streamlit_proc.start(root, "the tiny app's server", polls=300, every_s=0.3)
    procs.append(proc)
    return url


@pytest.fixture
def serve():
    """Start `streamlit run app.py` in a folder; yield a function that does it, stop them after."""
    procs = []
    yield lambda root: _start(root, procs)
    streamlit_proc.stop(procs)


@pytest.fixture(scope="module")
def bound_app(tmp_path_factory):
    """One server of the tiny bound app for the two tests of the bound widget (neither needs to be
    the server's first request: a fresh server each only repeated Streamlit's start)."""
    procs = []
    yield _start(_bound_app(tmp_path_factory.mktemp("bound")), procs)
    streamlit_proc.stop(procs)


def _open(browser, url: str):
    page = browser.new_page()
    page.goto(url, wait_until="domcontentloaded")
    _settle(page)
    return page


def _settle(page) -> None:
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid=stApp]');
            return app && app.getAttribute('data-test-connection-state') === 'CONNECTED'
                && app.getAttribute('data-test-script-state') === 'notRunning'
                && document.querySelector('[data-testid=stMarkdownContainer]');
        }""",
    )


def _text(page) -> str:
    return " ".join(page.locator("[data-testid=stMain] [data-testid=stMarkdownContainer]").all_inner_texts())


@pytest.mark.parametrize(("folder", "frame_runs"), [("pages", False), ("views", True)])
def test_navigation_runs_the_entrypoint_only_without_a_pages_folder(
    serve, browser, tmp_path, folder, frame_runs
):
    """A deep link opened first after the server starts: with a folder named pages/, 1.67 runs the
    page alone (its pages/-folder emulation replaces the entrypoint, on every run, not only the
    first), so st.navigation would need the pages moved to another folder."""
    files = {"app.py": NAV_APP.format(folder=folder)}
    files |= {f"{folder}/home.py": "import streamlit as st\nst.write('PAGE home')\n"}
    files |= {f"{folder}/b.py": "import streamlit as st\nst.write('PAGE b')\n"}
    url = serve(_write(tmp_path, files))
    page = _open(browser, f"{url}/b?x=1")
    assert "PAGE b" in _text(page)
    assert ("FRAME RAN" in _text(page)) is frame_runs
    page.close()


def test_a_bound_widget_drops_a_bad_link_value_without_a_word(bound_app, browser):
    """The app's arrival notes exist for this: the bad value is replaced by the default and taken
    out of the address, and nothing says so."""
    page = _open(browser, f"{bound_app}/?n=lots")
    assert "n=20" in _text(page)
    assert "n=" not in urlsplit(page.url).query
    assert page.locator("[data-testid=stAlert]").count() == 0
    page.close()


def test_a_linked_value_of_a_bound_widget_is_lost_on_a_page_switch(bound_app, browser):
    """Why app.py draws the frame once (st.navigation) instead of each page: were each page to
    draw it, each page's widget would be a different widget with the same key, and a value that
    came with the link (not typed) is back at its default on the next page even with
    persist_state="session". A student who opens the teacher's link and clicks another page
    would lose the teacher's settings."""
    page = _open(browser, f"{bound_app}/?n=33")
    assert "PAGE=home n=33" in _text(page)
    page.get_by_test_id("stSidebarUserContent").get_by_role("link", name="b", exact=True).click()
    page.wait_for_function("() => location.pathname.endsWith('/b')")
    _settle(page)
    page.get_by_text("PAGE=b").wait_for()
    assert "PAGE=b n=20" in _text(page)
    page.close()


def _sidebar_number(page, label: str):
    """The sidebar's number input ``label``; its value is asserted with expect() (tests/e2e/conftest.py)."""
    return page.get_by_test_id("stSidebarUserContent").get_by_label(label, exact=True)


def _has_setting(page, lang: str, title_key: str) -> None:
    """The frame and the link's setting: the page's title, the sidebar showing GRU, 3 layers, 21 wide."""
    page.get_by_role("heading", name=i18n.t(title_key, lang)).wait_for()
    sidebar = page.get_by_test_id("stSidebarUserContent")
    expect(sidebar.get_by_role("radio", name="GRU")).to_be_checked()
    expect(_sidebar_number(page, "num_layers")).to_have_value("3")
    expect(_sidebar_number(page, "hidden_size")).to_have_value("21")
    query = urlsplit(page.url).query
    assert "mode=GRU" in query and "num_layers=3" in query and "hidden_size=21" in query


def test_the_app_keeps_a_deep_links_settings_across_a_page_switch_and_a_reload(serve, browser):
    """The first request after the server starts is a deep link to a page: the entrypoint's frame
    runs (the sidebar shows the link's setting); a page switch and a reload keep it."""
    url = serve(ROOT)
    page = _open(browser, f"{url}/Hidden_states?mode=GRU&hidden_size=21&num_layers=3&lang=zh")
    _has_setting(page, "zh", "hs.title")
    page.get_by_test_id("stSidebarUserContent").get_by_role("link", name=i18n.t("nav.shapes", "zh")).click()
    page.wait_for_function("() => location.pathname.endsWith('/Shapes')")
    _settle(page)
    _has_setting(page, "zh", "shapes.title")
    page.reload(wait_until="domcontentloaded")
    _settle(page)
    _has_setting(page, "zh", "shapes.title")
    page.close()


def test_the_app_says_which_link_value_it_replaced(serve, browser):
    """A bad value opened first after the server starts: a note in the page's language, the default used."""
    url = serve(ROOT)
    # hidden_size: no number (the widget would drop it too); proj_size: a number the widget takes,
    # ruled out by hidden_size (the frame takes it out of the address before the widget reads it)
    page = _open(browser, f"{url}/Shapes?hidden_size=lots&proj_size=99&num_layers=3&lang=zh")
    page.get_by_role("heading", name=i18n.t("shapes.title", "zh")).wait_for()
    notes = [a for a in page.locator("[data-testid=stAlert]").all_inner_texts() if "链接中的设置有误" in a]
    assert len(notes) == 2
    assert "lots" in notes[0] + notes[1] and "99" in notes[0] + notes[1]
    expect(_sidebar_number(page, "num_layers")).to_have_value("3")
    expect(_sidebar_number(page, "hidden_size")).to_have_value("20")
    expect(_sidebar_number(page, "proj_size")).to_have_value("0")
    query = urlsplit(page.url).query
    assert "hidden_size" not in query and "proj_size" not in query and "num_layers=3" in query
    page.close()


def test_the_app_keeps_a_typed_setting_across_pages(server, browser):
    """A value the reader typed (not a link's) is in the address and on the next page's sidebar,
    and comes back on the page it was typed on."""
    url = server
    page = _open(browser, f"{url}/Shapes?lang=en")
    box = page.get_by_test_id("stSidebarUserContent").get_by_label("hidden_size", exact=True)
    box.fill("33")
    box.press("Enter")
    page.wait_for_function("() => location.search.includes('hidden_size=33')")
    _settle(page)
    for name, path in (("nav.hidden", "Hidden_states"), ("nav.shapes", "Shapes")):
        link = page.get_by_test_id("stSidebarUserContent").get_by_role("link", name=i18n.t(name, "en"))
        link.click()
        page.wait_for_function(f"() => location.pathname.endsWith('/{path}')")
        _settle(page)
        expect(_sidebar_number(page, "hidden_size")).to_have_value("33")
        assert "hidden_size=33" in urlsplit(page.url).query
    page.close()


def test_an_older_links_spelling_is_kept_past_the_first_change(server, browser):
    """mode=gru and bidirectional=1 (older and hand-edited links) are read by the app, not by a
    bound widget: the address is rewritten as the widgets read it before they are drawn, so the
    module survives the reader's first change instead of falling back to the defaults."""
    url = server
    page = _open(browser, f"{url}/Shapes?mode=gru&bidirectional=1&hidden_size=33&lang=en")
    sidebar = page.get_by_test_id("stSidebarUserContent")
    expect(sidebar.get_by_role("radio", name="GRU")).to_be_checked()
    query = urlsplit(page.url).query
    assert "mode=GRU" in query and "bidirectional=true" in query and "hidden_size=33" in query
    box = sidebar.get_by_label("seq_len", exact=True)
    box.fill("21")
    box.press("Enter")
    page.wait_for_function("() => location.search.includes('seq_len=21')")
    _settle(page)
    expect(sidebar.get_by_role("radio", name="GRU")).to_be_checked()
    expect(sidebar.get_by_role("checkbox", name="bidirectional")).to_be_checked()
    expect(_sidebar_number(page, "hidden_size")).to_have_value("33")
    page.close()
