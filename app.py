"""The entrypoint: the frame (sidebar, link, address, sharing, projector) once, then the page.

The pages live in views/ (not pages/: Streamlit 1.67 runs a page in a pages/ folder without its
entrypoint, so a deep link opened first would miss the frame; tests/e2e/test_url.py pins it).
ui/pages.py lists them once: their files, addresses and which use the module settings.
"""

from importlib.machinery import ModuleSpec

import streamlit as st

from ui.frame import frame
from ui.pages import PAGES

# Streamlit runs this script as the module __main__, and multiprocessing starts each of the shape
# debugger's worker processes (explainer/debugger/isolate.py) by running the parent's __main__ again
# there, from its file, unless its spec names it __main__: without this line every worker ran the
# whole app without Streamlit (two screens of warnings in the server's log per worker, and Streamlit,
# pandas and the frame imported into each). A worker started between Streamlit putting a new module
# in place and this line (the imports above are already loaded: microseconds) would still do so.
__spec__ = ModuleSpec("__main__", None)


def page_objects() -> dict[str, st.Page]:
    """Streamlit's page objects, one per page, made once per session: st.Page resolves and checks its
    file each time it is made (ten of them cost 0.6-0.7 ms of every rerun, measured by bench.floor).
    Not shared between sessions: st.navigation marks the chosen one callable and its run() unmarks
    it, so two sessions' reruns at once would trip over each other's mark."""
    if "_pages" not in st.session_state:
        st.session_state["_pages"] = {
            p.path: st.Page(p.path, title=p.name, default=True)
            if not p.url_path
            else st.Page(p.path, title=p.name, url_path=p.url_path)
            for p in PAGES
        }
    return st.session_state["_pages"]


pages = page_objects()
# hidden: the frame draws its own bilingual links, which carry the settings. Streamlit's own sidebar
# navigation was tried on 1.67 (titles in the reader's language, the link read before st.navigation):
# a switch keeps only the bound settings in the address, so ui/arrival.py must take such an address
# as the session's, and the ten links it replaces cost 0-1.5 ms of a 10-25 ms rerun (measured
# 2026-12-07 with the links left out of the same process's reruns, in turns): not worth the change.
nav = st.navigation(list(pages.values()), position="hidden")
page = next(p for p in PAGES if p.url_path == nav.url_path)
frame(page.title, pages, module_settings=page.module_settings)
nav.run()
