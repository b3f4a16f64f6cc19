"""The snippet on the page is runnable and prints exactly the shapes and numbers the page shows.

The test runs the generated script in a subprocess: the app itself never executes code.
"""

import ast
import subprocess
import sys

import pytest
from helpers import SEQ_LEN, flag_sweep

import explainer as ex
from explainer import snippet

CASES = list(flag_sweep())[::6]


@pytest.mark.parametrize("pass_hx", [False, True])
def test_snippets_run_and_print_the_predicted_shapes(pass_hx):
    # One subprocess for all cases: torch's import dominates the time.
    sources = [snippet.snippet(cfg, SEQ_LEN, batch, pass_hx) for cfg, batch in CASES]
    script = "\n".join(f"print('case {i}')\n" + src for i, src in enumerate(sources))
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=300
    )
    blocks = out.stdout.split("case ")[1:]
    assert len(blocks) == len(CASES)
    for block, (cfg, batch) in zip(blocks, CASES, strict=True):
        shapes, finals = {}, {}
        for line in block.splitlines()[1:]:
            if " vs h_n[" in line:  # 'output[4, :, 0:20] vs h_n[2] 0.0'
                pair, _, diff = line.rpartition(" ")
                finals[pair] = float(diff)
                continue
            name, _, rest = line.partition(" ")
            shapes[name] = ast.literal_eval(rest)
        table = ex.shape_table(cfg, SEQ_LEN, batch)
        total = shapes.pop("total")
        assert total == cfg.parameter_count
        assert shapes == {k: v for k, v in table.items() if pass_hx or k not in ("h_0", "c_0")}
        # the same weights and inputs as the page: the same numbers the page measured
        report = ex.run_check(cfg, SEQ_LEN, batch, pass_hx, seed=0, device="cpu")
        page = {f"{c.output_expr} vs {c.h_n_expr}": c.max_abs_diff for c in report.final_states}
        assert finals.keys() == page.keys()
        assert all(abs(finals[k] - page[k]) <= 1e-5 for k in page), (finals, page)


def test_snippet_names_only_non_default_arguments():
    assert (
        snippet.constructor_call(ex.RNNConfig("LSTM", 10, 20, 2))
        == "nn.LSTM(input_size=10, hidden_size=20, num_layers=2)"
    )
    call = snippet.constructor_call(
        ex.RNNConfig("RNN", 3, 4, nonlinearity="relu", bias=False, batch_first=True)
    )
    assert call == "nn.RNN(input_size=3, hidden_size=4, batch_first=True, bias=False, nonlinearity='relu')"
    assert "proj_size=2" in snippet.constructor_call(ex.RNNConfig("LSTM", 3, 4, proj_size=2))
