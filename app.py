"""The entrypoint: the frame (sidebar, link, address, sharing, projector) once, then the page.

The pages live in views/ (not pages/: Streamlit 1.67 runs a page in a pages/ folder without its
entrypoint, so a deep link opened first would miss the frame; tests/e2e/test_url.py pins it).
ui/pages.py lists them once: their files, addresses and which use the module settings.
"""

import streamlit as st

from ui.frame import frame
from ui.pages import PAGES

pages = {
    p.path: st.Page(p.path, title=p.name, default=True)
    if not p.url_path
    else st.Page(p.path, title=p.name, url_path=p.url_path)
    for p in PAGES
}
# hidden: the frame draws its own bilingual links, which carry the settings
nav = st.navigation(list(pages.values()), position="hidden")
page = next(p for p in PAGES if p.url_path == nav.url_path)
frame(page.title, pages, module_settings=page.module_settings)
nav.run()
