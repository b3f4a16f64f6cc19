"""Small rendering helpers shared by pages: user text is shown as text, never as markup."""

from __future__ import annotations

import re

import pyarrow as pa

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def md_text(text: str) -> str:
    """Escape Markdown (and the HTML it would pass through) so user text renders literally."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def text_table(rows: list[dict[str, str]]) -> pa.Table:
    """Rows of text (one dict per row, the same keys in order) as an Arrow table for ``st.table``.

    st.table turns a DataFrame into Arrow on every rerun (1.7 ms for the shapes page's parameter
    table here, pandas' own inference); an Arrow table goes out as it is (0.09 ms), and draws the
    same: text columns, no index.
    """
    return pa.Table.from_pylist(rows)


def numbered(source: str, mark: int | None) -> str:
    """The code with line numbers and an arrow on the failing line."""
    lines = source.splitlines() or [""]
    width = len(str(len(lines)))
    return "\n".join(
        f"{'→' if i == mark else ' '} {i:>{width}} │ {line}" for i, line in enumerate(lines, start=1)
    )


def named_value(name: str, shape: tuple[int, ...], latex: str) -> str:
    """``name = value`` in LaTeX with the shape written under the name, beside the numbers.

    A wide matrix scrolls on a phone; its shape (which matrix_latex notes at the far end) stays
    in view next to its name.
    """
    size = r" \times ".join(str(n) for n in shape) or "1"
    return rf"\underset{{{size}}}{{{name}}} = {latex}"


TAG = re.compile(r"<[^>]+>")
MAX_TABLE_CELLS = 2_000  # a figure's table beyond this shows its first rows (the CSV export has all)


def _plain(value: object) -> object:
    """A figure's value for a table: numbers as they are, labels without Plotly's <br>/<sub> markup."""
    if isinstance(value, str):
        return " ".join(TAG.sub(" ", value).split())
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float):
        return float(f"{value:.6g}")  # float32's digits, not its binary noise
    return value


def figure_rows(fig: object) -> tuple[list[dict[str, object]], bool]:
    """The numbers a figure draws, as table rows: its text alternative (a screen reader, a printout).

    Scatter traces give one row per point (series, x, y and the hover text); a heatmap one row
    per y with a column per x. Read from the figure itself, so the table and the drawing agree.
    Returns the rows and whether they were cut at MAX_TABLE_CELLS.
    """
    rows: list[dict[str, object]] = []
    cells = 0
    data = list(fig.data)  # the traces as given (numpy arrays), not to_dict()'s base64 encoding

    def get(trace: object, key: str) -> object:
        value = getattr(trace, key, None)
        return None if value is None or (isinstance(value, (list, tuple)) and not value) else value

    panels = sum(trace.type == "heatmap" for trace in data)
    for k, trace in enumerate(data):
        name = _plain(get(trace, "name") or trace.type)
        if trace.type == "heatmap" and get(trace, "z") is not None:
            z = trace.z
            xs = get(trace, "x")
            xs = list(xs) if xs is not None else list(range(len(z[0]) if len(z) else 0))
            for i, line in enumerate(z):
                if cells + len(xs) > MAX_TABLE_CELLS:
                    return rows, True
                row = {"panel": k + 1, "row": i} if panels > 1 else {"row": i}
                row |= {str(_plain(x)): _plain(v) for x, v in zip(xs, line, strict=False)}
                rows.append(row)
                cells += len(xs)
            continue
        if get(trace, "hoverinfo") == "skip" or get(trace, "y") is None:
            continue  # drawing aids (arrows, guide lines) carry no numbers
        ys = list(trace.y)
        xs = get(trace, "x")
        xs = list(xs) if xs is not None else list(range(len(ys)))
        texts = get(trace, "hovertext") or get(trace, "text")
        for k, (x, y) in enumerate(zip(xs, ys, strict=False)):
            if cells + 4 > MAX_TABLE_CELLS:
                return rows, True
            row = {"series": name, "x": _plain(x), "y": _plain(y)}
            if isinstance(texts, (list, tuple)) and k < len(texts):
                row["text"] = _plain(texts[k])
            rows.append(row)
            cells += 4
    return rows, False
