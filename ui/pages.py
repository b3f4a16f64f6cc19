"""The app's pages, listed once: the sidebar, the home page, the bench, the load client and the tests read it.

No Streamlit import here, so the bench and the tests can read the list without a server.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """One page: its short name (bench, load client), file, sidebar label key, title key, purpose key,
    and whether it uses the shared module and input settings (the sidebar shows them only there)."""

    name: str
    path: str  # relative to the repository root, as st.Page, st.page_link and AppTest.switch_page take it
    nav: str  # message key of the sidebar label
    title: str  # message key of the page's title (st.title)
    purpose: str | None = None  # message key of the one-line purpose the home page lists
    module_settings: bool = True  # False: the page does not use them (the quiz brings its own modules)

    @property
    def url_path(self) -> str:
        """The page's address under the server root: the file name without its number (the home page: "")."""
        if self.name == "home":
            return ""
        stem = self.path.rsplit("/", 1)[-1].removesuffix(".py")
        return stem.split("_", 1)[1] if stem.split("_", 1)[0].isdecimal() else stem


PAGES: tuple[Page, ...] = (
    Page("home", "views/0_Home.py", "nav.home", "app.title"),
    Page("shapes", "views/1_Shapes.py", "nav.shapes", "shapes.title", "shapes.purpose"),
    Page("hidden_states", "views/2_Hidden_states.py", "nav.hidden", "hs.title", "hs.purpose"),
    Page("equations", "views/3_Equations.py", "nav.equations", "eq.title", "eq.purpose"),
    Page(
        "debugger", "views/4_Debugger.py", "nav.debugger", "dbgp.title", "dbgp.purpose", module_settings=False
    ),
    Page("quiz", "views/5_Quiz.py", "nav.quiz", "quiz.title", "quiz.purpose", module_settings=False),
    Page("packed", "views/6_Packed.py", "nav.packed", "pk.title", "pk.purpose"),
    Page("training", "views/7_Training.py", "nav.training", "tr.title", "tr.purpose", module_settings=False),
    Page("gradients", "views/8_Gradients.py", "nav.gradients", "grad.title", "grad.purpose"),
    Page("patterns", "views/9_Patterns.py", "nav.patterns", "pat.title", "pat.purpose"),
)
BY_NAME = {page.name: page for page in PAGES}
