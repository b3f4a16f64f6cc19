"""The served app in a real browser: Debian's chromium driven by the playwright package.

Starts `streamlit run app.py` on a free loopback port, opens each page in zh and en from a
shared link, changes a setting, waits for the page to settle, checks the new shape, and saves
a full-page screenshot per page and language under artifacts/screens/ (look at them).
Every page (ui/pages.py, so new pages are covered) is also opened on a phone (390x844) in both
languages, where no text may lie outside the screen or be clipped (figures and focusable scroll
regions aside), and checked by axe-core (WCAG 2.1 A/AA: no serious or critical violation) on
the phone and on the desktop; projector screenshots are taken at 1280x720 and 1920x1080.
"""

import pytest
from playwright.sync_api import expect
from tests_paths import ARTIFACTS

from explainer.debugger.examples import EXAMPLES
from ui import pages as ui_pages

SCREENS = ARTIFACTS / "screens"
# Chromium (the `browser` fixture), the app's server (`server`) and the skip where Chromium is
# missing: tests/e2e/conftest.py.
PAGES = [(page.url_path, page.title) for page in ui_pages.PAGES]
PHONE = {"width": 390, "height": 844}
PROJECTORS = [{"width": 1280, "height": 720}, {"width": 1920, "height": 1080}]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Text that a student cannot read: outside the screen, or cut off by a box that neither shows
# nor scrolls it. Figures (Plotly draws its own labels) and regions a keyboard can focus and
# scroll are exempt; the phone's settings control ends its one line with an ellipsis on purpose
# (the full module is inside it).
OFF_SCREEN = """() => {
    const main = document.querySelector('[data-testid=stMain]');
    const vw = document.documentElement.clientWidth;
    const skip = '.js-plotly-plot, [data-testid=stPlotlyChart], svg, .katex-mathml, '
        + '.st-key-phone_settings summary';
    const bad = [];
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        const el = node.parentElement;
        if (!node.textContent.trim() || el.closest(skip)) continue;
        if (getComputedStyle(el).visibility === 'hidden') continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) {
            if (r.width < 1 || r.height < 1) continue;
            let why = null;
            for (let a = el; a && a !== main; a = a.parentElement) {
                const st = getComputedStyle(a);
                if (st.overflowX === 'visible') continue;
                if (a.getAttribute('tabindex') === '0' && /(auto|scroll)/.test(st.overflowX)) {
                    why = 'scrolls';  // the reader can scroll it, and the region takes the focus
                    break;
                }
                const box = a.getBoundingClientRect();
                if (!why && (r.right > box.right + 1 || r.left < box.left - 1)) why = 'clipped';
            }
            if (why === 'scrolls') continue;
            if (!why && (r.right > vw + 1 || r.left < -1)) why = 'off-screen';
            if (why) { bad.push(why + ': ' + node.textContent.trim().slice(0, 50)); break; }
        }
    }
    return bad;
}"""


# Heading levels in document order as assistive tech reads them (aria-level over the tag): axe
# files heading-order under best practice, not WCAG, so the phone test checks it itself.
HEADING_LEVELS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role=heading]')]
    .filter((h) => h.getClientRects().length)
    .map((h) => Number(h.getAttribute('aria-level') || h.tagName[1]))"""


def settle(page):
    """Wait until the app is connected and its script has finished running."""
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid=stApp]');
            return app && app.getAttribute('data-test-connection-state') === 'CONNECTED'
                && app.getAttribute('data-test-script-state') === 'notRunning';
        }"""
    )


def assert_no_traceback(page):
    assert page.locator("[data-testid=stException]").count() == 0


def drawn(page, lang: str) -> None:
    """Settled, and the frame's script has run (it sets the document's language last-minute)."""
    from explainer.settings import HTML_LANG

    settle(page)
    page.wait_for_function("(lang) => document.documentElement.lang === lang", arg=HTML_LANG[lang])
    page.wait_for_function(
        "() => getComputedStyle(document.documentElement).getPropertyValue('--rnn-frame').trim() === '1'"
    )
    # one check over the page as it is at each poll: a chart counted once and then removed (a stale
    # element of the run before, dropped when the run ends) must not be waited for
    page.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot')].every((c) => c.querySelector('.main-svg'))"
    )
    # the frame's script fixes heading levels and scroll regions 150 ms after the page last changed
    page.wait_for_function("() => !document.documentElement.dataset.rnnPending")


PRESENTING = (
    "() => getComputedStyle(document.documentElement).getPropertyValue('--rnn-present').trim() === '1'"
)
# Each figure as wide as its box: Plotly has redrawn at the window's new width after a resize.
FIGURES_FIT = """() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')].every((box) => {
    const svg = box.querySelector('.main-svg');
    return svg && Math.abs(svg.getBoundingClientRect().width - box.getBoundingClientRect().width) < 2;
})"""


def assert_axe_clean(page, where: str) -> None:
    """axe-core's WCAG 2.1 A/AA rules: no serious or critical violation (the rest are reported)."""
    from axe_playwright_python.sync_playwright import Axe

    # KaTeX draws each formula twice: MathML, which a screen reader reads, and aria-hidden HTML in
    # the page's own text colour (the app colours no formula). Checking the second's thousands of
    # spans took axe about 3 s on the equations page and could find nothing the text's check misses.
    # Only violations are collected in full (axe-playwright-python's default, which our own options
    # replace): every rule still runs on every node, but the passing ones are not gathered and sent
    # back (axe 1.0-1.7 s -> 0.3-1.5 s a page on the desktop, the same violations found).
    options = {"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]}
    result = Axe().run(page, context={"exclude": [[".katex-html"]]}, options=options)
    violations = result.response["violations"]
    report = ARTIFACTS / "axe"
    report.mkdir(parents=True, exist_ok=True)
    (report / f"{where}.txt").write_text(
        "\n".join(f"{v['impact']}: {v['id']} ({len(v['nodes'])})" for v in violations) or "none\n"
    )
    serious = [
        f"{v['id']}: {[n['html'][:120] for n in v['nodes'][:3]]} {v['nodes'][0].get('failureSummary')}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], where


def set_number(page, label: str, value: int):
    box = page.locator("[data-testid=stNumberInput]").filter(has_text=label).locator("input")
    box.fill(str(value))
    box.press("Enter")


def desktop(path: str) -> dict:
    # Streamlit scrolls inside its own container: a tall viewport captures the whole page.
    return {"width": 1400, "height": 3600 if path else 1400}


@pytest.mark.parametrize("path, title_key", PAGES)
def test_page_in_browser(server, browser, path, title_key):
    """Each page opened from a link on a desktop, in English (Chinese: the projector test below)."""
    from explainer import i18n

    page = browser.new_page(viewport=desktop(path))
    page.goto(f"{server}/{path}?lang=en&mode=GRU&bidirectional=true", wait_until="domcontentloaded")
    settle(page)
    page.get_by_role("heading", name=i18n.t(title_key, "en")).wait_for()
    on_a_desktop(page, path, "en")
    if path == "Shapes":
        drawn(page, "en")
        assert_settings_in_view(page)
        assert_keyboard_focus_shows(page)
    page.close()


def on_a_desktop(page, path: str, lang: str) -> None:
    """The page's own interaction (a setting changed and its new shape, a check, a training run),
    then axe and a full-page screenshot: GRU(10, 20), bidirectional, as the link set it."""
    from explainer import i18n

    SCREENS.mkdir(parents=True, exist_ok=True)
    assert_no_traceback(page)
    # The frame is there even on a deep link opened first.
    page.locator("[data-testid=stSidebar]").get_by_text(i18n.t("nav.shapes", lang)).wait_for()
    if path == "Shapes":
        page.get_by_text("(5, 3, 40)").first.wait_for()  # GRU(10, 20), bidirectional: D·H_out = 40
        set_number(page, "hidden_size", 30)
        page.get_by_text("(5, 3, 60)").first.wait_for()
        settle(page)
        assert "hidden_size=30" in page.url and "mode=GRU" in page.url
        page.locator(".js-plotly-plot").first.wait_for()
        assert_no_traceback(page)
    if path in ("Hidden_states", "Equations"):
        ok = i18n.t("hs.ok", lang, diff="", tol="")[:6]
        page.locator("[data-testid=stAlertContentSuccess]").filter(has_text=ok).first.wait_for()
        page.locator(".js-plotly-plot").first.wait_for()
        set_number(page, "hidden_size", 7)
        page.wait_for_function("() => location.search.includes('hidden_size=7')")
        settle(page)
        page.locator("[data-testid=stAlertContentSuccess]").filter(has_text=ok).first.wait_for()
        assert_no_traceback(page)
    if path == "Debugger":
        page.get_by_text("Expected hidden[0] size (4, 3, 20), got [2, 3, 20]").first.wait_for()
        page.get_by_role("button", name=i18n.t("dbgp.recheck", lang)).click()
        page.locator("[data-testid=stAlertContentSuccess]").get_by_text(i18n.t("dbgp.ok", lang)).wait_for()
        settle(page)
        assert_no_traceback(page)
        assert page.get_by_role("button", name=i18n.t("dbgp.recheck", lang)).count() == 0
        page.locator("[data-testid=stSelectbox]").filter(has_text=i18n.t("dbgp.example", lang)).click()
        title = i18n.t("dbgx.linear_bidir", lang)
        page.keyboard.type(title[:12])  # the menu is long and drawn lazily: filter it first
        page.get_by_role("option", name=title).click()
        page.get_by_text("mat1 and mat2 shapes cannot be multiplied").first.wait_for()
        settle(page)
    if path == "Quiz":
        from explainer import quiz

        q = quiz.make_question(0, 1, 0)
        box = page.get_by_label(i18n.t("quiz.answer", lang))
        box.fill(quiz.show_answer(q, "en") if q.kind != "raises" else ("yes" if q.answer else "no"))
        page.get_by_role("button", name=i18n.t("quiz.check", lang)).click()
        ok = i18n.t("quiz.correct", lang, answer=quiz.show_answer(q, lang))
        page.locator("[data-testid=stAlertContentSuccess]").get_by_text(ok).wait_for()
        settle(page)
        assert_no_traceback(page)
    if path == "Training":
        page.get_by_role("button", name=i18n.t("tr.start", lang)).click()
        done = i18n.t("tr.done", lang, first="", last="")[:6]
        page.locator("[data-testid=stAlertContentSuccess]").filter(has_text=done).wait_for()
        settle(page)
        assert_no_traceback(page)
    drawn(page, lang)
    assert_axe_clean(page, f"{path or 'home'}-{lang}-desktop")
    page.screenshot(path=str(SCREENS / f"{path or 'home'}-{lang}.png"), full_page=True)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path, title_key", PAGES)
def test_page_on_a_phone(server, browser, path, title_key, lang):
    """390x844, as a student opens the teacher's link: every line readable, axe-clean.

    The phone is set to dark: the app is fixed to light whatever the system theme, so the page and
    its figures look the same as on every other phone. On the shapes page the settings control at
    the top (the sidebar is closed on a phone) then changes a setting.
    """
    from explainer import i18n

    SCREENS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(
        viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2, color_scheme="dark"
    )
    page.goto(f"{server}/{path}?lang={lang}&mode=GRU&bidirectional=true", wait_until="domcontentloaded")
    page.get_by_role("heading", name=i18n.t(title_key, lang)).wait_for()
    drawn(page, lang)
    assert_no_traceback(page)
    assert page.evaluate(LIGHT_ON_A_DARK_PHONE), "the page or a figure follows the phone's dark theme"
    assert page.evaluate(OFF_SCREEN) == []
    assert_axe_clean(page, f"{path or 'home'}-{lang}-phone")
    levels = page.evaluate(HEADING_LEVELS)
    assert levels and all(b - a <= 1 for a, b in zip([0, *levels], levels, strict=False)), levels
    page.screenshot(path=str(SCREENS / f"{path or 'home'}-{lang}-phone.png"))  # the first screen
    # Streamlit scrolls inside its own container: a viewport as tall as the page shows all of it
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": PHONE["width"], "height": min(height, 12_000)})
    drawn(page, lang)
    page.screenshot(path=str(SCREENS / f"{path or 'home'}-{lang}-phone-all.png"))
    if path == "Shapes":
        page.set_viewport_size(PHONE)
        drawn(page, lang)
        phone_settings_from_the_top(page, lang)
    page.close()


# The app's background and every figure's: white (or the figure transparent over it).
LIGHT_ON_A_DARK_PHONE = """() => {
    const app = getComputedStyle(document.querySelector('[data-testid=stApp]')).backgroundColor;
    const plots = [...document.querySelectorAll('.js-plotly-plot .main-svg')]
        .map((svg) => getComputedStyle(svg).backgroundColor);
    return app === 'rgb(255, 255, 255)'
        && plots.every((c) => c === 'rgb(255, 255, 255)' || c === 'rgba(0, 0, 0, 0)');
}"""


def phone_settings_from_the_top(page, lang: str) -> None:
    """The sidebar is closed on a phone: a labelled control above the title opens the settings."""
    from explainer import i18n

    control = page.locator(".st-key-phone_settings summary")
    control.wait_for(state="visible")
    assert_settings_in_view(page)
    assert "nn.GRU(10, 20, 2)" in control.inner_text()
    assert (
        control.bounding_box()["y"]
        < page.get_by_role("heading", name=i18n.t("shapes.title", lang)).bounding_box()["y"]
    )
    control.click()
    box = page.locator(".st-key-phone_settings [data-testid=stNumberInput]").filter(has_text="hidden_size")
    box.locator("input").fill("30")
    box.locator("input").press("Enter")
    page.get_by_text("(5, 3, 60)").first.wait_for()  # GRU, bidirectional: D·H_out = 60
    drawn(page, lang)
    assert "hidden_size=30" in page.url
    assert "nn.GRU(10, 30, 2)" in control.inner_text()
    assert page.evaluate(OFF_SCREEN) == []
    page.screenshot(path=str(SCREENS / f"Shapes-{lang}-phone-settings.png"))


@pytest.mark.parametrize("path", ["Equations", "Hidden_states"])
def test_a_view_picked_in_a_fragment_reaches_the_projected_link(server, browser, path):
    """The layer picker reruns only its fragment; the class's link and QR code, drawn outside it,
    still get the new view (ui/present.keep_view), as does the address."""
    from explainer import i18n

    page = browser.new_page(viewport={"width": 1280, "height": 1600})
    page.goto(f"{server}/{path}?lang=en&present=true&num_layers=2", wait_until="domcontentloaded")
    settle(page)
    page.locator(".st-key-share_main summary").click()  # the class's link, opened
    share = page.locator(".st-key-share_main [data-testid=stCode]")
    share.wait_for()
    settle(page)
    assert "layer=1" not in share.inner_text()
    page.locator("[data-testid=stSelectbox]").filter(has_text=i18n.t("hs.layer", "en")).click()
    page.keyboard.type("1")  # the menu filtered to layer 1
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.search.includes('layer=1')")
    share.filter(has_text="layer=1").wait_for()
    settle(page)
    assert_no_traceback(page)
    page.close()


# The font sizes of the first five x-axis tick labels and legend entries of the page's figures.
TICK_SIZES = """() => [
    ...document.querySelectorAll('.js-plotly-plot .xtick text, .js-plotly-plot .legendtext')
].slice(0, 5).map(e => parseFloat(getComputedStyle(e).fontSize))"""


@pytest.mark.parametrize("path, title_key", PAGES)
def test_page_on_a_projector_then_on_a_desktop(server, browser, path, title_key):
    """A teacher projects the page in Chinese, at both projector resolutions (the exit control below
    the header, large labels), then leaves presentation mode on a desktop window, where the page
    passes the same checks as test_page_in_browser's English one.

    One page load for all three windows (a page load is most of a browser test's cost): after each
    resize the test waits for every figure to be redrawn at its new width."""
    from explainer import i18n

    SCREENS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport=PROJECTORS[0])
    page.goto(
        f"{server}/{path}?lang=zh&present=true&mode=GRU&bidirectional=true", wait_until="domcontentloaded"
    )
    page.get_by_role("heading", name=i18n.t(title_key, "zh")).wait_for()
    exit_button = page.get_by_role("button", name=i18n.t("present.exit", "zh"))
    for i, size in enumerate(PROJECTORS):
        if i:
            page.set_viewport_size(size)
            page.wait_for_function(FIGURES_FIT)
        drawn(page, "zh")
        page.wait_for_function(PRESENTING)
        page.locator("[data-testid=stSidebar]").wait_for(state="hidden")
        assert "present" not in page.url  # the address a teacher copies is the students' link
        header = page.locator("[data-testid=stHeader]").bounding_box()
        assert exit_button.bounding_box()["y"] >= (header["y"] + header["height"] if header else 0)
        # read in one evaluation: Plotly may redraw a figure (new tick elements) between two calls,
        # and a detached tick's computed font size is "" (NaN: failed once on a busy machine)
        sizes = page.evaluate(TICK_SIZES)
        assert all(size >= 20 for size in sizes), sizes
        name = f"{path or 'home'}-zh-present-{size['width']}x{size['height']}.png"
        page.screenshot(path=str(SCREENS / name))
    exit_button.click()
    page.locator("[data-testid=stSidebar]").wait_for(state="visible")
    settle(page)
    page.set_viewport_size(desktop(path))
    page.wait_for_function(FIGURES_FIT)
    page.wait_for_function(f"() => !({PRESENTING})()")
    on_a_desktop(page, path, "zh")
    page.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_quiz_link_opens_the_questions_module(server, browser, lang):
    """The quiz's "open this module" link replaces the student's own settings with the question's."""
    import explainer as ex
    from explainer import i18n, quiz

    q = quiz.make_question(2, 2, 0)  # c_n of nn.LSTM(10, 8, 2, bidirectional, batch_first) on (2, 6, 10)
    table = ex.shape_table(q.cfg, q.seq_len, q.batch_size)
    page = browser.new_page(viewport={"width": 1400, "height": 3600})
    link = f"{server}/Quiz?lang={lang}&quiz_seed=2&level=2&mode=GRU&hidden_size=7"
    page.goto(link, wait_until="domcontentloaded")
    settle(page)
    page.get_by_label(i18n.t("quiz.answer", lang)).fill(quiz.show_answer(q, "en"))
    page.get_by_role("button", name=i18n.t("quiz.check", lang)).click()
    page.locator("[data-testid=stAlertContentSuccess]").first.wait_for()
    settle(page)
    page.locator("[data-testid=stMain] [data-testid=stPageLink-NavLink]").filter(
        has_text=i18n.t("quiz.explore", lang)
    ).click()
    page.get_by_role("heading", name=i18n.t("shapes.title", lang)).wait_for()
    page.get_by_text(str(table["c_n"])).first.wait_for()
    settle(page)
    assert_no_traceback(page)
    assert "/Shapes?" in page.url and "hidden_size=8" in page.url and "mode=" not in page.url
    assert "quiz_seed=2" in page.url and f"lang={lang}" in page.url
    sidebar = page.locator("[data-testid=stSidebar]")
    hidden = sidebar.locator("[data-testid=stNumberInput]").filter(has_text="hidden_size").locator("input")
    expect(hidden).to_have_value("8")
    assert page.get_by_text(str(table["output"])).count() > 0  # (2, 6, 16): batch_first, D·H_out
    page.locator("[data-testid=stTable]").first.get_by_text(str(table["c_n"])).first.wait_for(state="visible")
    page.locator(".js-plotly-plot").first.wait_for(state="visible")
    page.screenshot(path=str(SCREENS / f"Shapes-from-quiz-{lang}.png"), full_page=True)
    # The sidebar's link back keeps what the link set: the same question, the student's place.
    sidebar.get_by_text(i18n.t("nav.quiz", lang)).click()
    page.get_by_role("heading", name=i18n.t("quiz.title", lang)).wait_for()
    settle(page)
    assert "hidden_size=8" in page.url and "quiz_seed=2" in page.url
    page.close()


def test_a_link_to_a_debugger_example_opens_it(server, browser):
    page = browser.new_page()
    page.goto(f"{server}/Debugger?lang=en&example=seed_002_rnn", wait_until="domcontentloaded")
    settle(page)
    page.locator("textarea").first.wait_for()
    expect(page.locator("textarea").first).to_have_value(EXAMPLES["seed_002_rnn"].code)
    assert "example=seed_002_rnn" in page.url
    assert page.get_by_text("not one this app knows").count() == 0
    assert_no_traceback(page)
    page.close()


def test_bad_shared_link_shows_a_note_not_a_traceback(server, browser):
    page = browser.new_page()
    page.goto(f"{server}/Shapes?hidden_size=lots&proj_size=99&lang=en", wait_until="domcontentloaded")
    settle(page)
    page.get_by_text("hidden_size = 'lots'").first.wait_for()
    page.get_by_text("(5, 3, 20)").first.wait_for()
    assert_no_traceback(page)
    page.screenshot(path=str(SCREENS / "Shapes-bad-link.png"), full_page=True)
    page.close()


def test_invalid_setting_shows_the_rule(server, browser):
    page = browser.new_page()
    page.goto(f"{server}/Shapes?lang=zh", wait_until="domcontentloaded")
    settle(page)
    page.get_by_text("(5, 3, 20)").first.wait_for()
    set_number(page, "proj_size", 20)
    page.locator("[data-testid=stAlertContentError]").get_by_text("proj_size").wait_for()
    assert_no_traceback(page)
    page.screenshot(path=str(SCREENS / "Shapes-invalid-zh.png"), full_page=True)
    page.close()


def test_presentation_mode_on_a_projector(server, browser):
    from explainer import i18n

    page = browser.new_page(viewport={"width": 1280, "height": 1600})
    page.goto(f"{server}/Shapes?lang=zh&present=true&bidirectional=true", wait_until="domcontentloaded")
    settle(page)
    page.get_by_role("heading", name=i18n.t("shapes.title", "zh")).wait_for()
    # the projector stylesheet arrives with the page's elements: wait for it to hide the sidebar
    page.locator("[data-testid=stSidebar]").wait_for(state="hidden")
    # the elements are drawn after the script finishes: wait for the table, the code and the figure
    page.locator("[data-testid=stTable]").first.get_by_text("(4, 3, 20)").first.wait_for(state="visible")
    page.get_by_text("nn.LSTM(input_size=10").first.wait_for(state="visible")
    page.locator(".js-plotly-plot").first.wait_for(state="visible")
    page.get_by_role("button", name=i18n.t("present.exit", "zh")).wait_for(state="visible")
    page.screenshot(path=str(SCREENS / "Shapes-present-zh.png"), full_page=True)
    page.get_by_role("button", name=i18n.t("present.exit", "zh")).click()
    page.locator("[data-testid=stSidebar]").wait_for(state="visible")
    assert_no_traceback(page)
    page.close()


LARGE = "mode=LSTM&num_layers=3&bidirectional=true&hidden_size=256&seq_len=200&batch_size=32"


def test_guard_refusal_offers_settings_that_fit(server, browser):
    """Too large to trace: the estimate and buttons with smaller settings, never a stalled page."""
    from explainer import i18n

    page = browser.new_page(viewport={"width": 1400, "height": 1400})
    page.goto(f"{server}/Hidden_states?lang=zh&{LARGE}", wait_until="domcontentloaded")
    settle(page)
    page.locator("[data-testid=stAlertContentError]").filter(has_text="GFLOP").wait_for()
    offer = page.get_by_role("button").filter(has_text=i18n.t("budget.apply", "zh", setting="").strip())
    offer.first.wait_for()
    page.locator("[data-testid=stSidebar] [data-testid=stNumberInput]").first.wait_for()
    settle(page)
    assert_no_traceback(page)
    page.screenshot(path=str(SCREENS / "Hidden_states-refused-zh.png"), full_page=True)
    offer.first.click()
    ok = i18n.t("hs.ok", "zh", diff="", tol="")[:6]
    page.locator("[data-testid=stAlertContentSuccess]").filter(has_text=ok).first.wait_for()
    assert_no_traceback(page)
    page.close()


def test_shapes_page_at_a_large_setting_checks_on_meta(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 3000})
    page.goto(f"{server}/Shapes?lang=en&{LARGE}", wait_until="domcontentloaded")
    settle(page)
    page.get_by_text("(200, 32, 512)").first.wait_for()
    page.locator("[data-testid=stAlertContentInfo]").filter(has_text="meta").first.wait_for()
    settle(page)
    assert_no_traceback(page)
    page.screenshot(path=str(SCREENS / "Shapes-large-en.png"), full_page=True)
    page.close()


def test_the_quiz_score_survives_a_reload(server, browser):
    """WeChat reloads a page now and then: the score and the question come back from the address."""
    from explainer import i18n, quiz

    page = browser.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(f"{server}/Quiz?lang=zh&quiz_seed=5", wait_until="domcontentloaded")
    drawn(page, "zh")
    q = quiz.make_question(5, 1, 0)
    page.get_by_label(i18n.t("quiz.answer", "zh")).fill(
        quiz.show_answer(q, "en") if q.kind != "raises" else ("yes" if q.answer else "no")
    )
    page.get_by_role("button", name=i18n.t("quiz.check", "zh")).click()
    score = i18n.t("quiz.score", "zh", right=1, answered=1)
    page.get_by_text(score).wait_for()
    page.get_by_role("button", name=i18n.t("quiz.next", "zh")).click()
    page.wait_for_function("() => location.search.includes('question=1')")
    drawn(page, "zh")
    assert "answered=r" in page.url
    page.reload(wait_until="domcontentloaded")
    drawn(page, "zh")
    page.get_by_text(score).wait_for()  # a new session, the same score
    page.get_by_text(i18n.t("quiz.q", "zh", n=2, total=quiz.QUESTIONS_PER_SET)).wait_for()
    assert_no_traceback(page)
    page.close()


# The sidebar's breakpoint: 390 (a phone, is_mobile) is checked by test_page_on_a_phone on the
# shapes page and 1400 by test_page_in_browser's, each on the page load it already has.
@pytest.mark.parametrize("width", [768, 769])
def test_the_settings_are_in_view_at_every_width(server, browser, width):
    """Either the sidebar is open or the settings control is at the top: never neither, never both."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{server}/Shapes?lang=en", wait_until="domcontentloaded")
    drawn(page, "en")
    assert_settings_in_view(page)
    page.close()


def assert_settings_in_view(page) -> None:
    sidebar_open = page.locator("[data-testid=stSidebar]").bounding_box()["x"] >= 0
    control = page.locator(".st-key-phone_settings").is_visible()
    assert sidebar_open != control, (page.viewport_size, sidebar_open, control)


def assert_keyboard_focus_shows(page) -> None:
    """A focused page link must not look like the current page: it gets a 3 px outline."""
    link = page.locator("[data-testid=stSidebar] [data-testid=stPageLink-NavLink]").nth(2)
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard, so :focus-visible applies
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [document.activeElement.getAttribute('data-testid'), s.outlineStyle, s.outlineWidth]; }"
    )
    assert style == ["stPageLink-NavLink", "solid", "3px"]
