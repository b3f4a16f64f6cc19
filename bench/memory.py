"""The memory of the Streamlit processes serving a class: psutil's RSS and PSS per process (with the
processes it started), and Streamlit's own ``/_stcore/metrics`` (cache bytes, open sessions).

``server_memory`` is what ``make bench`` (bench/run.py, bench/scale.py, bench/hostile.py), ``python -m
bench.load`` and tests/test_load.py read before and after a class.
"""

from __future__ import annotations

import http.client
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import psutil

ROOT = Path(__file__).resolve().parents[1]
BACKENDS_FILE = ROOT / "deploy" / "run" / "backends.json"  # written by deploy.serve
_METRIC = re.compile(r"^(cache_memory_bytes|active_sessions)(?:\{([^}]*)\})?\s+([0-9.eE+-]+)$")


def _get(url: str, path: str, timeout: float = 10.0) -> str:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port or 80, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read().decode("utf-8", "replace")
        if response.status != 200:
            raise OSError(f"GET {url}{path}: HTTP {response.status}")
        return body
    finally:
        conn.close()


def streamlit_metrics(url: str) -> dict:
    """One process's ``/_stcore/metrics``: cache bytes by cache type, and active sessions."""
    text = _get(url, "/_stcore/metrics?families=cache_memory_bytes&families=active_sessions")
    caches: dict[str, float] = {}
    sessions = 0
    for line in text.splitlines():
        m = _METRIC.match(line.strip())
        if not m:
            continue
        name, labels, value = m.groups()
        if name == "active_sessions":
            sessions = int(float(value))
        else:
            kind = re.search(r'cache_type="([^"]*)"', labels or "")
            key = kind.group(1) if kind else "?"
            caches[key] = caches.get(key, 0) + float(value)
    return {"cache_bytes": {k: int(v) for k, v in caches.items()}, "active_sessions": sessions}


def _mb(n_bytes: float) -> float:
    return round(n_bytes / 2**20, 1)


def _rss_mb(pid: int | None) -> float | None:
    if not pid:
        return None
    try:
        return _mb(psutil.Process(pid).memory_info().rss)
    except psutil.Error:
        return None


def _tree_pss_mb(pid: int | None) -> float | None:
    """PSS of the process and its descendants (the PNG renderer's chromium runs under the server):
    shared pages counted once across the tree."""
    if not pid:
        return None
    try:
        root = psutil.Process(pid)
        tree = [root, *root.children(recursive=True)]
    except psutil.Error:
        return None
    total = 0
    for proc in tree:
        try:
            total += proc.memory_full_info().pss
        except psutil.Error:  # exited meanwhile, or not ours
            continue
    return _mb(total)


def _pid_listening(port: int) -> int | None:
    """The process listening on a local TCP port (own processes unless root)."""
    for conn in psutil.net_connections(kind="tcp"):
        if conn.status == psutil.CONN_LISTEN and conn.laddr and conn.laddr.port == port and conn.pid:
            return conn.pid
    return None


def _same_port_here(a: str, b: str) -> bool:
    here = {"127.0.0.1", "localhost", "::1", "0.0.0.0"}
    pa, pb = urlsplit(a), urlsplit(b)
    return pa.port == pb.port and pa.hostname in here and pb.hostname in here


def _backends(target: Any) -> list[dict]:
    if hasattr(target, "backend_processes"):  # deploy.serve.Served
        return target.backend_processes()
    if isinstance(target, (str, Path)) and str(target).endswith(".json"):
        return json.loads(Path(target).read_text())["backends"]
    if isinstance(target, str):
        if BACKENDS_FILE.exists():  # deploy.serve's nginx on this machine: its processes
            state = json.loads(BACKENDS_FILE.read_text())
            if _same_port_here(state.get("url", ""), target):
                return state["backends"]
        return [{"url": target, "pid": _pid_listening(urlsplit(target).port or 80)}]
    return [b if isinstance(b, dict) else {"url": b[0], "pid": b[1]} for b in target]


def server_memory(target: Any) -> dict:
    """Memory of the Streamlit processes behind ``target``.

    ``target``: a ``deploy.serve.Served``; a URL (one Streamlit process, or deploy.serve's nginx
    URL when deploy/run/backends.json names it); a backends.json path; or ``[{"url", "pid"}]``.
    Per process (psutil): its RSS, the PSS of it and its children (the PNG renderer's
    chromium), and from ``/_stcore/metrics`` the bytes in
    Streamlit's caches (st.cache_data, media files, session state, uploads: Streamlit's own
    estimate) and the open sessions.
    """
    rows = []
    for b in _backends(target):
        pid = b.get("pid")
        row = {"url": b["url"], "pid": pid, "rss_mb": _rss_mb(pid), "tree_pss_mb": _tree_pss_mb(pid)}
        try:
            row.update(streamlit_metrics(b["url"]))
        except OSError as err:
            row["metrics_error"] = str(err)
        rows.append(row)
    rss = [r["rss_mb"] for r in rows if r["rss_mb"] is not None]
    tree = [r["tree_pss_mb"] for r in rows if r["tree_pss_mb"] is not None]
    return {
        "backends": rows,
        "rss_mb_total": round(sum(rss), 1) if rss else None,
        # with the processes they started (the PNG renderer): what the server really holds
        "tree_pss_mb_total": round(sum(tree), 1) if tree else None,
        "active_sessions": sum(r.get("active_sessions", 0) for r in rows),
    }
