"""A value the check cannot know (a file's contents, what pandas read) is named and asked for; the
value typed stands in where the snippet computes it, and the run goes on with torch's own verdicts.

The oracle is the real run of the original script, next to a real file holding what the typed
value says (tmp_path): given the true value, the checker's verdict must be real torch's.
"""

from __future__ import annotations

import pytest
from test_debugger import run_real

from explainer.debugger import diagnose_source
from explainer.debugger.form import bind_values, names_to_ask
from explainer.i18n import MESSAGES

# The char-RNN pattern of Udacity's "Character-Level RNN in PyTorch" notebook (the text read from
# a file, its characters counted into the LSTM's input_size; seen at
# https://github.com/MengOonLee/BertelsmannAITrack, Character_RNN.ipynb), written anew here, with
# the learner's mistake of a size hard-coded for another file (Tiny Shakespeare has 65 characters).
CHAR_RNN = """import torch
import torch.nn as nn
with open('anna.txt') as f:
    text = f.read()
chars = tuple(set(text))
int2char = dict(enumerate(chars))
char2int = {ch: ii for ii, ch in int2char.items()}
n_chars = len(chars)
lstm = nn.LSTM(65, 32, batch_first=True)
x = torch.zeros(4, 10, n_chars)
out, (h, c) = lstm(x)
"""

# A data frame's column count as the LSTM's input_size, after Stack Overflow's "Neural Network
# LSTM input shape from dataframe" (https://stackoverflow.com/questions/39674713, seen at
# https://w3toppers.com/neural-network-lstm-input-shape-from-dataframe/: plotly's timeseries.csv,
# a Date column then the series), written anew for torch.
DATA_FRAME = """import pandas as pd
import torch
import torch.nn as nn
df = pd.read_csv('timeseries.csv')
features = df.drop(columns=['Date'])
n_features = features.shape[1]
lstm = nn.LSTM(input_size=n_features, hidden_size=16, batch_first=True)
x = torch.tensor(features.values, dtype=torch.float32).unsqueeze(0)
out, _ = lstm(x)
"""


def asked_until_done(source: str, values: dict[str, str]) -> tuple:
    """What the page does: check, ask for the value named, check again with the values typed."""
    given: dict[str, str] = {}
    asked: list[str] = []
    seen = []
    for _ in range(len(values) + 1):
        checked = bind_values(source, {k: v for k, v in values.items() if k in asked}, "en", given)
        d = diagnose_source(checked)
        if d.unknown is None or not d.unknown.asked:
            return d, checked, seen
        seen.append(d.unknown.name)
        given[d.unknown.name] = d.unknown.statement
        asked = names_to_ask(source, asked, [*d.unresolved, d.unknown.name], given)
        assert d.unknown.name in asked
    raise AssertionError(f"still asking after {seen}")


def verdict(d) -> dict:
    return {"ok": d.ok, "error_type": d.error_type, "error": d.error, "line": d.line}


def test_a_files_size_in_a_layer_is_asked_for_and_the_value_given_gets_torchs_verdict(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "anna.txt").write_text("Happy families are all alike\n")
    n = len(set((tmp_path / "anna.txt").read_text()))
    d = diagnose_source(CHAR_RNN)
    assert d.refused and d.line == 10 and d.unresolved == []  # n_chars is defined, its value unknown
    assert (d.unknown.name, d.unknown.statement, d.unknown.statement_line) == (
        "n_chars",
        "n_chars = len(chars)",
        8,
    )
    assert d.unknown.why == "file"
    d, checked, seen = asked_until_done(CHAR_RNN, {"n_chars": str(n)})
    assert seen == ["n_chars"]
    assert f"n_chars = {n}  # given on the page, in place of: len(chars)" in checked
    assert len(checked.splitlines()) == len(CHAR_RNN.splitlines())  # the lines keep their numbers
    real = run_real(CHAR_RNN)
    assert real["error_type"] == "RuntimeError"
    assert verdict(d) == {k: real[k] for k in ("ok", "error_type", "error", "line")}


def test_a_data_frames_columns_are_asked_for_and_the_run_goes_to_the_end(tmp_path, monkeypatch):
    pytest.importorskip("pandas")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "timeseries.csv").write_text(
        "Date,A,B,C\n2008-03-18,24.68,164.93,114.73\n2008-03-19,24.18,164.89,114.75\n"
    )
    d, checked, seen = asked_until_done(DATA_FRAME, {"n_features": "3", "features.values": "(2, 3)"})
    assert seen == ["n_features", "features.values"]  # the argument as written, when it has no name
    assert "torch.tensor(torch.randn(2, 3), dtype=torch.float32)" in checked
    real = run_real(DATA_FRAME)
    assert real["ok"] and d.ok and d.refused is None
    assert {k: d.shapes[k] for k in ("x", "out")} == real["shapes"] == {"x": (1, 2, 3), "out": (1, 2, 16)}


def test_names_unpacked_from_an_opaque_value_are_asked_for_each():
    source = "import pandas as pd\nimport torch.nn as nn\ndf = pd.read_csv('d.csv')\n"
    source += "def build():\n    rows, cols = df.shape\n    return nn.LSTM(cols, 8)\nlstm = build()\n"
    d = diagnose_source(source)
    assert d.line == 6 and d.unknown.name == "cols" and d.unknown.statement == "rows, cols = df.shape"
    checked = bind_values(source, {"cols": "4"}, "en", {"cols": d.unknown.statement})
    assert "    rows, cols = df.shape\n    cols = 4  # " in checked  # after it, at its indentation
    d = diagnose_source(checked)
    assert d.ok and d.refused is None


def test_a_statement_that_needs_the_value_asks_for_its_target():
    source = (
        "import json\nimport torch\nconfig = json.load(open('c.json'))\nhidden = max(range(config['n']))\n"
    )
    source += "x = torch.zeros(2, hidden)\n"
    d = diagnose_source(source)
    assert d.line == 4 and d.unknown.name == "hidden" and d.unknown.statement_line == 4
    checked = bind_values(source, {"hidden": "5"}, "zh", {"hidden": d.unknown.statement})
    assert MESSAGES["dbg.given_for"][1].split("：")[0] in checked
    d = diagnose_source(checked)
    assert d.ok and d.shapes["x"] == (2, 5)


def test_an_asked_name_is_dropped_once_its_statement_is_gone():
    given = {"n": "n = len(open('f').read())"}
    source = "import torch\nn = len(open('f').read())\nx = torch.zeros(n)\n"
    assert names_to_ask(source, [], ["n"], given) == ["n"]
    edited = "import torch\nn = 3\nx = torch.zeros(n)\n"
    assert names_to_ask(edited, ["n"], [], given) == []
    assert bind_values(edited, {"n": "4"}, "en", given) == edited  # nothing left to stand in for
    assert names_to_ask(source, [], ["n"]) == []  # without its statement: a defined name, not asked


def test_an_unnamed_value_is_named_as_written():
    source = "import os\nimport torch\nx = torch.zeros(len(os.listdir('.')), 3)\n"
    d = diagnose_source(source)
    assert d.unknown.name == "len(os.listdir('.'))" and d.unknown.asked
    d = diagnose_source(
        bind_values(source, {d.unknown.name: "7"}, "en", {d.unknown.name: d.unknown.statement})
    )
    assert d.ok and d.shapes["x"] == (7, 3)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_debugger_page_asks_for_a_value_the_check_cannot_know(lang):
    from streamlit.testing.v1 import AppTest
    from tests_paths import APP

    i = 0 if lang == "en" else 1
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("views/4_Debugger.py").run()
    at.text_area(key="dbg_code").set_value(CHAR_RNN).run()
    assert not at.exception and "n_chars" in at.warning[0].value.replace("\\", "")  # refused, named
    assert MESSAGES["dbgp.values_unknown"][i] in [c.value for c in at.caption]
    assert not at.info  # n_chars is defined: not among the names never defined
    at.text_input(key="dbg_val_n_chars").set_value("9").run()
    assert not at.exception
    assert "Expected 65, got 9" in at.code[0].value  # torch's own verdict, one line later
    shown = [c.value for c in at.code]
    given = MESSAGES["dbg.given_for"][i].format(expr="len(chars)")
    assert any(f"n_chars = 9  # {given}" in c for c in shown)  # the checked code says where it stood in
    at.text_area(key="dbg_code").set_value(CHAR_RNN.replace("n_chars = len(chars)", "n_chars = 65")).run()
    assert not at.exception and not at.error and at.success  # defined by the code now: no longer asked
    assert not [w for w in at.text_input if w.key == "dbg_val_n_chars"]


SHUFFLED = """import torch
import torch.nn as nn
from torch.utils.data import TensorDataset, DataLoader
x = torch.tensor([[[float(i + j)] * 3 for j in range(5)] for i in range(20)])
y = torch.arange(20) % {classes}
loader = DataLoader(TensorDataset(x, y), batch_size=8, shuffle=True)
lstm = nn.LSTM(3, 4, batch_first=True)
fc = nn.Linear(4, 10)
emb = nn.Embedding({vocab}, 2)
h0 = torch.zeros(1, {h0_batch}, 4)
for xb, yb in loader:
    out, _ = lstm(xb, (h0, h0))
    loss = nn.CrossEntropyLoss()(fc(out[:, -1]), {target})
    e = emb(yb)
"""


@pytest.mark.parametrize(
    "fill, refused",
    [
        ({"classes": 10, "vocab": 10, "h0_batch": 8, "target": "yb"}, False),  # runs to the end
        ({"classes": 10, "vocab": 10, "h0_batch": 3, "target": "yb"}, False),  # h0's batch: torch's words
        ({"classes": 10, "vocab": 10, "h0_batch": 8, "target": "yb - 1"}, True),  # -1 only the real run picks
        ({"classes": 12, "vocab": 10, "h0_batch": 8, "target": "yb % 10"}, True),  # ids 10, 11 past the table
        ({"classes": 20, "vocab": 20, "h0_batch": 8, "target": "yb"}, True),  # targets past 10 classes
    ],
)
def test_a_shuffled_loader_over_real_numbers_keeps_shapes_and_reads_no_values(fill, refused):
    """Which rows go together only the real run knows (029_nlptutorial_bilstm.py): the batches' shapes
    do not depend on it; integer ids and targets are checked by their range, or refused."""
    source = SHUFFLED.format(**fill)
    real = run_real(source)
    d = diagnose_source(source)
    if refused:
        # Both stop inside the loop's body, the checker in its first batch. Which line the real run
        # stops at depends on the shuffle (an out-of-range id in the last, smaller batch meets h_0's
        # batch size first), so the lines are not compared with each other.
        body = range(SHUFFLED.count("\n", 0, SHUFFLED.index("for xb")) + 2, source.count("\n") + 1)
        assert d.refused is not None and not real["ok"] and d.line in body and real["line"] in body
    else:
        assert d.refused is None and verdict(d) == {k: real[k] for k in ("ok", "error_type", "error", "line")}


def test_an_item_picked_by_the_real_runs_numbers_is_asked_for_by_its_name():
    """030_nlptutorial_seq2seq.py: ``end = decoded.index('E')`` over characters the model's argmax
    picked. Whether 'E' is among them only the real run knows (there it is: the run ends), so the
    check names ``end`` and asks; given a value, it goes to the end as the real run does."""
    from corpus import CORPUS

    source = (CORPUS / "030_nlptutorial_seq2seq.py").read_text()
    d = diagnose_source(source)
    assert d.refused is not None and d.line == 103
    assert (d.unknown.name, d.unknown.statement, d.unknown.why) == (
        "end",
        "end = decoded.index('E')",
        "picked",
    )
    d, checked, seen = asked_until_done(source, {"end": "5"})
    assert seen == ["end"] and "end = 5  # given on the page" in checked
    assert d.ok and d.refused is None and run_real(source)["ok"]


def test_a_name_too_long_for_the_page_is_named_but_not_asked():
    from explainer.debugger import Diagnosis, Unknown
    from explainer.debugger.isolate import bounded

    d = bounded(Diagnosis(False, unknown=Unknown("x" * 300, 3, "file", "", "s = 1", 2)))
    assert len(d.unknown.name) < 200 and not d.unknown.asked
    d = bounded(Diagnosis(False, unknown=Unknown("n", 3, "file", "", "n = len(t)", 2)))
    assert d.unknown.asked and d.unknown.name == "n"
