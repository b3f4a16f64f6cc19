"""What a teacher hands a class: the clean link (settings only, never the projector view) and its QR code."""

from __future__ import annotations

import base64
import io
from collections.abc import Mapping
from urllib.parse import urlencode, urlsplit, urlunsplit

import segno

# The teacher's own view, never a student's: a phone that opened in projector mode had 26 px text,
# columns off-screen and no way into the settings.
TEACHER_ONLY = frozenset({"present"})


def student_link(page_url: str, query: Mapping[str, str]) -> str:
    """``page_url`` (scheme, host, path) with the settings of ``query``, less the teacher's own keys.

    Any query or fragment already on ``page_url`` is dropped: the settings come from ``query`` only.
    """
    scheme, netloc, path, _, _ = urlsplit(page_url)
    kept = {k: v for k, v in query.items() if k not in TEACHER_ONLY}
    return urlunsplit((scheme, netloc, path, urlencode(kept), ""))


def qr_svg(link: str, title: str) -> str:
    """The link as a QR code, an inline SVG that scales to its box; ``title`` is its text alternative.

    Error correction "M" (15% of the code can be lost), the level a projected code photographed
    from the back of a room needs; segno picks the smallest version that holds the link.
    """
    code = segno.make(link, error="m", micro=False)
    out = io.BytesIO()
    code.save(
        out,
        kind="svg",
        scale=1,
        border=4,
        xmldecl=False,
        svgns=True,
        title=title,
        svgclass="qr",
        lineclass=None,
        omitsize=True,
        dark="#000",
        light="#fff",
    )
    svg = out.getvalue().decode("utf-8")
    return svg.replace("<svg ", '<svg role="img" aria-label="' + _attr(title) + '" ', 1)


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def qr_img(link: str, title: str) -> str:
    """The QR code as an ``<img>`` with ``title`` as its alt text.

    Streamlit's HTML element sanitises inline SVG away (DOMPurify's HTML profile), but keeps an
    image whose source is a data URI.
    """
    data = base64.b64encode(qr_svg(link, title).encode("utf-8")).decode("ascii")
    return f'<img class="qr" src="data:image/svg+xml;base64,{data}" alt="{_attr(title)}">'
