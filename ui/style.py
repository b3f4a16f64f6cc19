"""The app's own stylesheet and the few lines of script that Streamlit has no option for.

One place for phones and assistive tech, applied by the frame to every page (the pages stay
layout-free); the projector's styles are ui/present.py's. Colours are measured against
Streamlit's light theme (white page, #f7f7f6 code blocks); every one here is at least 4.5:1 there.
"""

from __future__ import annotations

import json

# Streamlit starts with its sidebar closed up to 768 px wide (measured in Chromium: open at 769):
# the phone's settings control shows exactly where the sidebar does not.

BASE_CSS = """
<style>
:root { --rnn-frame: 1; }  /* the browser tests wait for it: the stylesheet has arrived */
/* Focus you can see: a keyboard user always knows where they are (page links included). */
:focus-visible, [data-testid="stPageLink-NavLink"]:focus-visible, button:focus-visible {
  outline: 3px solid #0b57d0 !important; outline-offset: 2px !important; border-radius: 4px;
}
/* Contrast (>= 4.5:1 on white and on code blocks' #f7f7f6): captions and code tokens. */
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p,
[data-testid="stWidgetLabel"] p, .stTooltipIcon { color: #4d4d4d !important; opacity: 1 !important; }
[data-testid="stCode"] .token.keyword, [data-testid="stCode"] .token.builtin { color: #0b57d0 !important; }
[data-testid="stCode"] .token.number, [data-testid="stCode"] .token.boolean { color: #0a6b48 !important; }
[data-testid="stCode"] .token.string { color: #a1260d !important; }
[data-testid="stCode"] .token.comment { color: #5c5c5c !important; }
[data-testid="stCode"] .token.operator,
[data-testid="stCode"] .token.punctuation { color: #3d3d3d !important; }
[data-testid="stCode"] .token.function,
[data-testid="stCode"] .token.class-name { color: #6b2fa0 !important; }
[data-testid="stCode"] .token.decorator, [data-testid="stCode"] .token.constant { color: #8a4500 !important; }
/* Code wraps instead of running off the screen: the number a quiz asks about stays visible. */
[data-testid="stCode"] pre, [data-testid="stCode"] code {
  white-space: pre-wrap !important; overflow-wrap: anywhere !important;
}
/* Formulas and wide blocks scroll inside themselves (the script makes them focusable). */
.katex-display { overflow-x: auto; overflow-y: hidden; padding: 2px 0; }
/* Figures have a text alternative next to them; on a phone Plotly's mode bar covered the legend. */
@media (max-width: 768px) {
  .js-plotly-plot .modebar-container { display: none !important; }
}
/* The phone's settings control: only where the sidebar starts closed. */
@media (min-width: 769px) { .st-key-phone_settings { display: none !important; } }
.st-key-phone_settings summary p {
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; font-weight: 600;
}
/* The script holder takes no room. */
.st-key-frame_script { display: none !important; }
/* Phones: a table becomes one card per row, each cell under its column's name (the script copies
   the header into data-label); cells flow, each kept whole, so a shape such as (5, 3, 10) never
   breaks across lines, and the prose wraps. */
@media (max-width: 640px) {
  [data-testid="stTable"] > div { overflow: visible !important; }
  [data-testid="stTableStyledTable"], [data-testid="stTableStyledTable"] thead,
  [data-testid="stTableStyledTable"] tbody, [data-testid="stTableStyledTable"] tr {
    display: block !important; width: 100% !important;
  }
  [data-testid="stTableStyledTable"] tr { border-bottom: 1px solid #d0d0d0; padding: 0.35rem 0; }
  [data-testid="stTableStyledTable"] thead { display: none !important; }
  [data-testid="stTableStyledTable"] td[data-label]::before {
    content: attr(data-label); display: block; font-size: 0.8em; color: #4d4d4d; line-height: 1.3;
  }
  [data-testid="stTableStyledTable"] th, [data-testid="stTableStyledTable"] td {
    display: inline-block !important; max-width: 100%; border: none !important;
    padding: 0.1rem 0.9rem 0.1rem 0 !important; vertical-align: top; text-align: left !important;
  }
  [data-testid="stTableStyledTable"] td:first-child p { font-weight: 600; }
  [data-testid="stMarkdownContainer"] code { overflow-wrap: anywhere; }
  /* The first screen is for content: less empty space above the settings control. */
  [data-testid="stMainBlockContainer"] { padding-top: 3.5rem !important; }
  /* Titles that fit: "PackedSequence" broke mid-word at Streamlit's 2.75rem. */
  h1 { font-size: 2rem !important; }
  h2, h3 { font-size: 1.4rem !important; }
  /* Formulas a little smaller, so most fit; the rest scroll in a focusable region. */
  .katex-display > .katex { font-size: 1em !important; }
}
</style>
"""

# What Streamlit has no option for: the document's language (a screen reader picks its voice by
# it), keyboard access to regions that scroll, and heading levels that do not skip (st.title is
# h1, st.subheader h3). Runs again on every change of the page, since Streamlit redraws parts.
SCRIPT = """
<script>
(() => {
  const doc = window.parent ? window.parent.document : document;
  window.__rnnFrame = Object.assign(window.__rnnFrame || {}, {lang: %(lang)s, region: %(region)s});
  const fix = () => {
    const s = window.__rnnFrame;
    if (doc.documentElement.lang !== s.lang) doc.documentElement.lang = s.lang;
    const focusable = 'a[href],button,input,select,textarea,[tabindex]';
    const regions = '.katex-display, [data-testid=stCode] pre, [data-testid=stTable] > div, '
      + '[data-testid=stMarkdownContainer], [data-testid=stExpanderDetails]';
    for (const el of doc.querySelectorAll(regions)) {
      const scrolls = el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight;
      const style = getComputedStyle(el);
      const can = /(auto|scroll)/.test(style.overflowX + style.overflowY);
      if (scrolls && can && !el.hasAttribute('tabindex') && !el.querySelector(focusable)) {
        el.setAttribute('tabindex', '0');
        el.setAttribute('role', 'region');
        el.setAttribute('aria-label', s.region);
      }
    }
    for (const table of doc.querySelectorAll('[data-testid=stTableStyledTable]')) {
      const names = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
      for (const row of table.querySelectorAll('tbody tr')) {
        [...row.children].forEach((td, i) => {
          if (names[i] && td.getAttribute('data-label') !== names[i]) td.setAttribute('data-label', names[i]);
        });
      }
    }
    let prev = 0;
    for (const h of doc.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
      const own = Number(h.tagName[1]);
      const level = Math.min(own, prev + 1);
      if (level !== own) { h.setAttribute('aria-level', String(level)); h.setAttribute('role', 'heading'); }
      else if (h.hasAttribute('aria-level')) { h.removeAttribute('aria-level'); h.removeAttribute('role'); }
      prev = level;
    }
  };
  fix();
  if (!window.__rnnFrameObserver) {
    let pending = false;
    // data-rnn-pending marks a change not yet fixed: the browser tests wait for it to clear.
    window.__rnnFrameObserver = new MutationObserver(() => {
      if (pending) return;
      pending = true;
      doc.documentElement.dataset.rnnPending = '1';
      setTimeout(() => { pending = false; fix(); delete doc.documentElement.dataset.rnnPending; }, 150);
    });
    window.__rnnFrameObserver.observe(doc.body, {childList: true, subtree: true});
    window.addEventListener('resize', () => setTimeout(fix, 150));
    // Layout also changes without a mutation (web fonts arriving, KaTeX measuring itself).
    if (doc.fonts) doc.fonts.ready.then(fix);
    setInterval(fix, 1000);
  }
})();
</script>
"""


def script(html_lang: str, region_label: str) -> str:
    """The frame's script for a page in ``html_lang`` (``zh-CN``), naming scroll regions ``region_label``."""
    return SCRIPT % {"lang": json.dumps(html_lang), "region": json.dumps(region_label)}
