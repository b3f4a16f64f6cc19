"""The worst pastes the shape debugger is known to meet (issue 11's review), as data.

Each probe is code a learner (or a prankster) could paste into the debugger page that, run
naively, would burn seconds to hours of CPU or gigabytes of memory in whatever process checks
it: hashing or comparing a structure of shared references (10⁹ leaves in a few hundred bytes),
a KeyError whose key is such a structure, ``str()`` of a Sequential doubled 22 times, a packed
LSTM over 20,000 steps with a c_0 of another dtype, an Embedding of 2,000,000 columns, ``if x:``
on a large tensor, a strided view of 10¹¹ elements.

``python -m bench.hostile`` checks each through the worker pool the page uses
(``explainer.debugger.isolate.diagnose``) and prints what the debugger answers today and how
long it took; ``bench/locustfile_hostile.py``'s paster pastes them into the page over the websocket, one
every few seconds, while a class works (``hostile_load``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# name -> source. Ordered roughly by how long the naive evaluation would take.
PROBES: dict[str, str] = {
    "hash_str_shared_list": ("a = [0]\nfor _ in range(30):\n    a = [a, a]\nh = hash(str(a))\n"),
    "compare_shared_lists": (
        "a = [0]\nb = [0]\nfor _ in range(30):\n    a = [a, a]\n    b = [b, b]\nsame = a == b\n"
    ),
    "compare_self": "a = [0]\nfor _ in range(30):\n    a = [a, a]\nsame = a == a\n",
    "dict_key_shared_tuple": "a = (0,)\nfor _ in range(30):\n    a = (a, a)\nd = {a: 1}\n",
    "keyerror_shared_key": "a = (0,)\nfor _ in range(30):\n    a = (a, a)\nd = {}\nd[a]\n",
    "str_doubled_sequential": (
        "import torch.nn as nn\n"
        "s = nn.Sequential(nn.Linear(2, 2))\n"
        "for _ in range(22):\n"
        "    s = nn.Sequential(s, s)\n"
        "text = str(s)\n"
    ),
    "packed_lstm_c0_dtype_20000_steps": (
        "import torch\n"
        "import torch.nn as nn\n"
        "from torch.nn.utils.rnn import pack_padded_sequence\n"
        "lstm = nn.LSTM(8, 16)\n"
        "x = torch.randn(20000, 4, 8)\n"
        "packed = pack_padded_sequence(x, [20000, 19000, 100, 5])\n"
        "h0 = torch.zeros(1, 4, 16)\n"
        "c0 = torch.zeros(1, 4, 16, dtype=torch.float64)\n"
        "out, (h, c) = lstm(packed, (h0, c0))\n"
    ),
    "embedding_2m_columns_250_ids": (
        "import torch\n"
        "import torch.nn as nn\n"
        "emb = nn.Embedding(1, 2_000_000)\n"
        "ids = torch.zeros(250, dtype=torch.long)\n"
        "y = emb(ids)\n"
        "print(y.sum())\n"
    ),
    "bool_of_large_tensor": "import torch\nx = torch.zeros(20000, 20000)\nif x:\n    pass\n",
    "strided_view_1e11": (
        "import torch\nx = torch.zeros(1).expand(100_000, 1_000_000)\ny = x[:, ::3]\nz = y.sum()\n"
    ),
    "in_dict_shared_tuple": "a = (0,)\nfor _ in range(30):\n    a = (a, a)\nfound = a in {}\n",
}


def paste(name: str, n: int) -> str:
    """Probe ``name`` as the ``n``-th paste: a comment makes each paste new to the page's cache
    (``ui.cache.diagnosis`` is keyed by source), so every paste reaches a worker."""
    return f"{PROBES[name]}# paste {n}\n"


def survey(names: Iterable[str] | None = None, lang: str = "en") -> dict:
    """Each probe through the page's worker pool: the answer's kind and the wall time it took.

    ``answer``: "error" (torch's verdict, ``error_type``), "refused" (the checker will not say,
    or a worker limit answered "too large to check"), or "ok". ``work`` is the counted budget the
    checker itself used (seconds of estimated work, about 1 s at most): a probe the checker ended
    by its own count has a small ``work``; one the worker's CPU limit ended shows ``refused``
    with the limit's reason.
    """
    from explainer.debugger import isolate

    out = {}
    try:
        isolate.diagnose("x = 1\n", lang)  # the pool's workers start (torch imported) outside the timing
        for name in names or PROBES:
            started = time.perf_counter()
            d = isolate.diagnose(paste(name, 0), lang)
            seconds = time.perf_counter() - started
            answer = "ok" if d.ok else "refused" if d.refused else "error"
            out[name] = {
                "answer": answer,
                "error_type": d.error_type,
                "text": ((d.refused or d.error or "") if answer != "ok" else "")[:160],
                "line": d.line,
                "work": round(d.work, 3),
                "seconds": round(seconds, 2),
            }
    finally:
        isolate.shutdown()
    return out


# the one a worker's CPU limit used to end (5 CPU seconds each); now the checker refuses it by its
# count (the key's weight, shared parts each time) before hashing, in about a millisecond
WORST = "keyerror_shared_key"


def hostile_load(
    url: str,
    target: Any = None,
    sessions: int = 40,
    seconds: float = 120.0,
    *,
    page: str = "hidden",
    think_s: tuple[float, float] = (1.0, 3.0),
    probes: Sequence[str] = (WORST,),
    paste_every_s: float = 5.0,
    pastes: int = 1000,
    interactions: int = 0,
    seed: int = 11,
) -> dict:
    """Issue 11's load measure: a class on ``page`` without, then with, one more session pasting
    ``probes`` into the debugger page every ``paste_every_s`` seconds (at most ``pastes``).

    Each run lasts ``seconds`` (Locust's run time) or, with ``interactions``, until every student
    made that many changes and the paster its ``pastes``. The two runs use different seeds, so
    the second does not find the first's settings in the caches. ``target``: what
    ``bench.memory.server_memory`` reads (default ``url``). Returns both runs' figures, the ratio of
    the students' change p95 (goal <= 1.2), every paste's answer, and server memory before, between
    and after (psutil).
    """
    from bench.load import run_load, soak
    from bench.memory import server_memory

    target = target if target is not None else url

    def run(hostile: bool, run_seed: int) -> dict:
        extra = {"hostile": hostile}
        if hostile:
            extra |= {"probes": ",".join(probes), "paste_every": paste_every_s, "pastes": pastes}
        if interactions:
            return run_load(
                url, sessions, interactions, think_s, page, run_seed, start_within_s=think_s[1], **extra
            )
        return soak(url, seconds, sessions, think_s, page, run_seed, **extra)

    memory = {"before": server_memory(target)}
    without = run(False, seed)
    memory["between"] = server_memory(target)
    with_paster = run(True, seed + 1)
    time.sleep(2)  # the last paste's worker is replaced, the sessions closed
    memory["after"] = server_memory(target)
    p95 = (without["p95_ms"], with_paster["p95_ms"])
    rss = {k: m["rss_mb_total"] for k, m in memory.items()}
    return {
        "sessions": sessions,
        "page": page,
        "seconds": None if interactions else seconds,
        "probes": list(probes),
        "paste_every_s": paste_every_s,
        "without": without,
        "with": with_paster,
        "p95_ratio": round(p95[1] / p95[0], 2) if all(p95) else None,
        "p50_ratio": round(with_paster["p50_ms"] / without["p50_ms"], 2) if without["p50_ms"] else None,
        "errors": without["errors"] + with_paster["errors"],
        "rss_mb": rss,
        "tree_pss_mb": {k: m["tree_pss_mb_total"] for k, m in memory.items()},
        "memory": memory,
    }


def report(h: dict) -> list[str]:
    """The section's lines for bench.run's table."""
    w, p = h["without"], h["with"]
    pa = p.get("paster", {})
    answers = {}
    for row in pa.get("answers", []):
        answers[row["answer"]] = answers.get(row["answer"], 0) + 1
    return [
        f"hostile paster ({', '.join(h['probes'])} every {h['paste_every_s']} s) beside {h['sessions']}"
        f" students on {h['page']}:",
        *(
            f"  {label} {r['interactions']} changes, p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms,"
            f" errors {r['errors']}"
            for label, r in (("without:", w), ("with:   ", p))
        ),
        f"  p95 ratio {h['p95_ratio']} (goal <= 1.2), p50 ratio {h['p50_ratio']};"
        f" {pa.get('pastes', 0)} pastes, answered {answers} in p50 {pa.get('p50_ms')} ms,"
        f" max {pa.get('max_ms')} ms, {pa.get('errors', 0)} paste errors",
        f"  server RSS {h['rss_mb']['before']} -> {h['rss_mb']['between']} -> {h['rss_mb']['after']} MB"
        f" (PSS with children {h['tree_pss_mb']['before']} -> {h['tree_pss_mb']['after']} MB)",
    ]


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.hostile", description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help=f"probes (default: all): {', '.join(PROBES)}")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--load", metavar="URL", help="instead: hostile_load against this server")
    parser.add_argument("--sessions", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=120.0, help="each run's length")
    parser.add_argument("--page", default="hidden")
    parser.add_argument("--paste-every", type=float, default=5.0)
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.load:
        result = hostile_load(
            args.load,
            sessions=args.sessions,
            seconds=args.seconds,
            page=args.page,
            probes=args.names or (WORST,),
            paste_every_s=args.paste_every,
        )
        print("\n".join(report(result)))
        if args.json:
            args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        return 1 if result["errors"] else 0
    result = survey(args.names or None)
    for name, row in result.items():
        kind = row["error_type"] or row["answer"]
        print(f"{name:<34}{kind:<20}{row['seconds']:>7.2f} s  work {row['work']:<6} {row['text'][:70]!r}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
