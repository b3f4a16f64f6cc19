"""Shapes predicted from the config alone, with torch's symbols and the reason for each."""

from __future__ import annotations

import re
from dataclasses import dataclass

from explainer.config import GATES, LIMITS, RNNConfig, check_int
from explainer.i18n import join, t

Shape = tuple[int, ...]
DIRECTIONS = ("", "_reverse")


def read_int(text: str, max_digits: int = 9) -> int | None:
    """A plain non-negative integer ('20', full-width '２０' too); None for anything else.

    str.isdigit() is not enough: it accepts '¹', which int() rejects, and no length bound would let
    a 5000-digit string reach int()'s own limit.
    """
    return int(text) if text.isdecimal() and len(text) <= max_digits else None


def read_shape(text: str, max_dims: int, ignore_case: bool = False) -> tuple[int, ...] | None:
    """'(2, 5, 20)', '2,5,20', '[2 5 20]', '2x5x20' or 'torch.Size([2, 5, 20])' -> (2, 5, 20); else None."""
    flags = re.IGNORECASE if ignore_case else 0
    body = re.sub(r"^torch\.Size\(\s*(.*)\s*\)$", r"\1", text.strip(), flags=flags).strip("()[]（）【】 ")
    parts = [read_int(p) for p in re.split(r"[\s,，x×]+", body) if p]
    if not parts or len(parts) > max_dims or None in parts:
        return None
    return tuple(parts)


def check_input_sizes(seq_len: int, batch_size: int | None) -> None:
    """Raise ConfigError unless seq_len and batch_size (None = unbatched) are within limits."""
    check_int("seq_len", seq_len, *LIMITS["seq_len"])
    if batch_size is not None:
        check_int("batch_size", batch_size, *LIMITS["batch_size"])


def parameter_names(cfg: RNNConfig) -> list[str]:
    """Names in the order of ``module.named_parameters()``."""
    names = []
    for layer in range(cfg.num_layers):
        for suffix in DIRECTIONS[: cfg.D]:
            kinds = ["weight_ih", "weight_hh"]
            if cfg.bias:
                kinds += ["bias_ih", "bias_hh"]
            if cfg.proj_size:
                kinds.append("weight_hr")
            names += [f"{kind}_l{layer}{suffix}" for kind in kinds]
    return names


def _parse_param(name: str) -> tuple[str, int, int]:
    """'weight_hh_l1_reverse' -> ('weight_hh', 1, 1)."""
    kind, rest = name.rsplit("_l", 1)
    layer, _, rev = rest.partition("_")
    return kind, int(layer), 1 if rev == "reverse" else 0


def parameter_shape(cfg: RNNConfig, name: str) -> Shape:
    kind, layer, _ = _parse_param(name)
    rows = cfg.G * cfg.hidden_size
    in_width = cfg.input_size if layer == 0 else cfg.D * cfg.H_out
    return {
        "weight_ih": (rows, in_width),  # (G*H_cell, H_in) or (G*H_cell, D*H_out)
        "weight_hh": (rows, cfg.H_out),  # (G*H_cell, H_out)
        "bias_ih": (rows,),
        "bias_hh": (rows,),
        "weight_hr": (cfg.proj_size, cfg.hidden_size),  # (H_out, H_cell)
    }[kind]


def state_names(cfg: RNNConfig) -> list[str]:
    """Initial states this mode takes: h_0, and c_0 for LSTM."""
    return ["h_0", "c_0"] if cfg.mode == "LSTM" else ["h_0"]


def final_names(cfg: RNNConfig) -> list[str]:
    """Final states this mode returns: h_n, and c_n for LSTM."""
    return ["h_n", "c_n"] if cfg.mode == "LSTM" else ["h_n"]


def shape_table(cfg: RNNConfig, seq_len: int, batch_size: int | None) -> dict[str, Shape]:
    """Every tensor and parameter shape of one forward call, predicted without running torch.

    Args:
        cfg: the module's configuration.
        seq_len: L, the number of timesteps.
        batch_size: N, or None for unbatched (2-D) input.

    Returns:
        ``{"input", "h_0", ["c_0"], "output", "h_n", ["c_n"], <every parameter name>: shape}``.
    """
    check_input_sizes(seq_len, batch_size)
    L, N, D = seq_len, batch_size, cfg.D
    batch = () if N is None else (N,)
    if N is None:
        x_shape = (L, cfg.input_size)  # unbatched: batch_first has no effect
        out_shape = (L, D * cfg.H_out)
    elif cfg.batch_first:
        x_shape = (N, L, cfg.input_size)
        out_shape = (N, L, D * cfg.H_out)
    else:
        x_shape = (L, N, cfg.input_size)
        out_shape = (L, N, D * cfg.H_out)
    h_shape = (D * cfg.num_layers, *batch, cfg.H_out)  # batch_first never applies to states
    table = {"input": x_shape, "h_0": h_shape}
    if cfg.mode == "LSTM":
        table["c_0"] = (D * cfg.num_layers, *batch, cfg.H_cell)
    table["output"] = out_shape
    table["h_n"] = h_shape
    if cfg.mode == "LSTM":
        table["c_n"] = table["c_0"]
    for name in parameter_names(cfg):
        table[name] = parameter_shape(cfg, name)
    return table


def symbolic_shape(cfg: RNNConfig, name: str, batched: bool = True) -> str:
    """The shape in torch's letters: L, N, D, H_in, H_out, H_cell, num_layers, and the gate count."""
    states = {"h_0", "h_n", "c_0", "c_n"}
    if name in {"input", "output"} or name in states:
        last = {"input": "H_in", "output": "D·H_out"}.get(name, "H_cell" if name[0] == "c" else "H_out")
        if name in states:
            dims = ["D·num_layers", "N", last]
        elif cfg.batch_first:
            dims = ["N", "L", last]
        else:
            dims = ["L", "N", last]
        if not batched:
            dims.remove("N")
        return "(" + ", ".join(dims) + ")"
    kind, layer, _ = _parse_param(name)
    rows = "H_out" if cfg.mode != "LSTM" else "H_cell"
    rows = rows if cfg.G == 1 else f"{cfg.G}·{rows}"
    in_width = "H_in" if layer == 0 else "D·H_out"
    return {
        "weight_ih": f"({rows}, {in_width})",
        "weight_hh": f"({rows}, H_out)",
        "bias_ih": f"({rows},)",
        "bias_hh": f"({rows},)",
        "weight_hr": "(H_out, H_cell)",
    }[kind]


def letter_values(cfg: RNNConfig, seq_len: int, batch_size: int | None) -> dict[str, int]:
    """The numbers behind the letters of ``symbolic_shape``."""
    values = {
        "L": seq_len,
        "D": cfg.D,
        "H_in": cfg.input_size,
        "H_out": cfg.H_out,
        "H_cell": cfg.H_cell,
        "num_layers": cfg.num_layers,
    }
    if batch_size is not None:
        values["N"] = batch_size
    return values


def gate_blocks(cfg: RNNConfig, name: str) -> list[str]:
    """How a parameter splits along dim 0 into gate blocks, in torch's order.

    'weight_ih_l0' of an LSTM -> ['W_ii', 'W_if', 'W_ig', 'W_io'].
    """
    kind, _, _ = _parse_param(name)
    if kind == "weight_hr":
        return ["W_hr"]
    letter = "W" if kind.startswith("weight") else "b"
    src = kind[-2]  # 'i' for *_ih, 'h' for *_hh
    if cfg.mode == "RNN":
        return [f"{letter}_{kind[-2:]}"]
    return [f"{letter}_{src}{gate}" for gate in cfg.gates]


def init_bound(cfg: RNNConfig) -> float:
    """torch initialises every parameter from U(-k, k) with k = 1/sqrt(hidden_size)."""
    return cfg.hidden_size**-0.5


@dataclass(frozen=True)
class Row:
    """One row of a shape table as the page shows it."""

    name: str
    shape: Shape
    symbolic: str
    why: str
    blocks: str = ""
    count: int = 0


def _layer_dir(name: str) -> tuple[int, int]:
    _, layer, direction = _parse_param(name)
    return layer, direction


def tensor_rows(cfg: RNNConfig, seq_len: int, batch_size: int | None, pass_hx: bool, lang: str) -> list[Row]:
    """Input, states and output, each with its shape, symbol and one sentence of why."""
    table = shape_table(cfg, seq_len, batch_size)
    batched = batch_size is not None
    v = {
        "D": cfg.D,
        "num_layers": cfg.num_layers,
        "rows": cfg.D * cfg.num_layers,
        "H_out": cfg.H_out,
        "width": cfg.D * cfg.H_out,
        "H_cell": cfg.H_cell,
        "proj_size": cfg.proj_size,
        "last": cfg.num_layers - 1,
        "out_last": last_step(cfg, batched),
    }
    why: dict[str, str] = {}
    if not batched:
        why["input"] = t("why.input_unbatched", lang)
    else:
        why["input"] = t("why.input_bf" if cfg.batch_first else "why.input_tf", lang)
    hx_note = "" if pass_hx else t("why.hx_zeros", lang)
    bidir = cfg.D == 2
    proj = cfg.proj_size > 0
    why["h_0"] = join(lang, t("why.h_0", lang, **v), proj and t("why.h_proj", lang, **v), hx_note)
    why["output"] = join(lang, t("why.output", lang, **v), bidir and t("why.output_bidir", lang, **v))
    why["h_n"] = join(lang, t("why.h_n", lang, **v), bidir and t("why.h_n_bidir", lang, **v))
    if cfg.mode == "LSTM":
        why["c_0"] = join(lang, t("why.c_proj" if proj else "why.c", lang, **v), hx_note)
        why["c_n"] = t("why.c_n", lang, **v)
    order = ("input", "h_0", "c_0", "output", "h_n", "c_n")
    return [Row(n, table[n], symbolic_shape(cfg, n, batched), why[n]) for n in order if n in why]


def parameter_rows(cfg: RNNConfig, lang: str) -> list[Row]:
    """Every parameter: shape, symbol, gate blocks, count and why it has that width."""
    rows = []
    for name in parameter_names(cfg):
        kind, layer, _ = _parse_param(name)
        shape = parameter_shape(cfg, name)
        if kind == "weight_ih":
            why = t("why.w_ih_0" if layer == 0 else "why.w_ih_k", lang, D=cfg.D, H_out=cfg.H_out)
        elif kind == "bias_hh" and cfg.mode == "GRU":
            why = t("why.bias_hh_gru", lang)
        else:
            why = t(f"why.{kind}", lang)
        count = 1
        for d in shape:
            count *= d
        blocks = " | ".join(gate_blocks(cfg, name))
        rows.append(Row(name, shape, symbolic_shape(cfg, name), why, f"[{blocks}]", count))
    return rows


@dataclass(frozen=True)
class LayerCount:
    """One layer's parameters as a formula: per direction G·H_cell·(H_in + H_out + 2) + P·H_cell, times D."""

    layer: int
    symbolic: str  # 'G·H_cell·(H_in + H_out + 2) + P·H_cell', torch's letters
    numbers: str  # '4·20·(10 + 5 + 2) + 5·20', the same with this module's numbers
    per_direction: int
    D: int

    @property
    def total(self) -> int:
        return self.D * self.per_direction


def parameter_formula(cfg: RNNConfig) -> list[LayerCount]:
    """The parameter count of every layer, written as the formula it comes from.

    Every weight and bias of a layer has G·H_cell rows (one block per gate): weight_ih has H_in
    columns (layer 0: input_size; later layers read D·H_out), weight_hh H_out columns, the two
    biases one each; the projection weight_hr is (P, H_cell). Summed over the layers it is
    ``cfg.parameter_count``.
    """
    G, H, P, D = cfg.G, cfg.H_cell, cfg.proj_size, cfg.D
    rows = []
    for layer in range(cfg.num_layers):
        h_in = cfg.input_size if layer == 0 else D * cfg.H_out
        letters = ["H_in" if layer == 0 else "D·H_out", "H_out"] + (["2"] if cfg.bias else [])
        numbers = [str(h_in) if layer == 0 else f"{D}·{cfg.H_out}", str(cfg.H_out)] + (
            ["2"] if cfg.bias else []
        )
        symbolic = f"G·H_cell·({' + '.join(letters)})" + (" + P·H_cell" if P else "")
        shown = f"{G}·{H}·({' + '.join(numbers)})" + (f" + {P}·{H}" if P else "")
        per_direction = G * H * (h_in + cfg.H_out + (2 if cfg.bias else 0)) + P * H
        rows.append(LayerCount(layer, symbolic, shown, per_direction, D))
    return rows


def counts_by_mode(cfg: RNNConfig) -> dict[str, int]:
    """Parameter counts of nn.RNN, nn.GRU and nn.LSTM with this config's sizes and no projection.

    Counted here, not through RNNConfig: without its projection an LSTM may be above the app's
    parameter limit, which is no reason to refuse to say how big it would be.
    """
    H, D, bias = cfg.hidden_size, cfg.D, 2 if cfg.bias else 0
    per_gate = sum(D * H * ((cfg.input_size if k == 0 else D * H) + H + bias) for k in range(cfg.num_layers))
    return {mode: len(GATES[mode]) * per_gate for mode in ("RNN", "GRU", "LSTM")}


def _n(value: int) -> str:
    return f"{value:,}"


def parameter_count_notes(cfg: RNNConfig, lang: str) -> list[str]:
    """The parameter count explained: the formula per layer with this module's numbers, the sum,
    why an LSTM has 4 and a GRU 3 times an RNN's parameters, and what proj_size saves."""
    rows = parameter_formula(cfg)
    total = sum(r.total for r in rows)
    notes = [t("count.rule", lang, G=cfg.G, mode=cfg.mode)]
    for r in rows:
        notes.append(
            t(
                "count.layer",
                lang,
                layer=r.layer,
                D=r.D,
                numbers=r.numbers,
                per=_n(r.per_direction),
                total=_n(r.total),
            )
        )
    if len(rows) > 1:
        notes.append(t("count.sum", lang, terms=" + ".join(_n(r.total) for r in rows), total=_n(total)))
    by_mode = counts_by_mode(cfg)
    notes.append(
        t("count.gates", lang, rnn=_n(by_mode["RNN"]), gru=_n(by_mode["GRU"]), lstm=_n(by_mode["LSTM"]))
    )
    if cfg.proj_size:
        without = by_mode["LSTM"]
        key = "count.proj_saves" if without > total else "count.proj_costs"
        notes.append(
            t(
                key,
                lang,
                P=cfg.proj_size,
                H=cfg.H_cell,
                hr=_n(cfg.proj_size * cfg.H_cell),
                without=_n(without),
                total=_n(total),
                diff=_n(abs(without - total)),
            )
        )
    return notes


@dataclass(frozen=True)
class GridCell:
    """One hidden state h_t of one layer and direction, as placed in output and h_n."""

    layer: int
    direction: int  # 0 forward, 1 reverse
    t: int  # input position, for both directions
    step: int  # processing order of this direction: the reverse one starts at t = L-1
    in_output: bool  # part of ``output[t]`` (only the last layer is)
    h_n_row: int | None  # row of h_n that equals this state, if any


def state_grid(cfg: RNNConfig, seq_len: int) -> list[GridCell]:
    """The layer x direction x time grid: which states make up output and which make up h_n."""
    check_int("seq_len", seq_len, *LIMITS["seq_len"])
    cells = []
    for layer in range(cfg.num_layers):
        for direction in range(cfg.D):
            final_t = seq_len - 1 if direction == 0 else 0
            for t_ in range(seq_len):
                step = t_ if direction == 0 else seq_len - 1 - t_
                row = layer * cfg.D + direction if t_ == final_t else None
                cells.append(GridCell(layer, direction, t_, step, layer == cfg.num_layers - 1, row))
    return cells


def output_index(cfg: RNNConfig, t_: int, direction: int, batched: bool) -> str:
    """How to read one direction's state at time t out of ``output``, as code."""
    cols = "" if cfg.D == 1 else f"{direction * cfg.H_out}:{(direction + 1) * cfg.H_out}"
    if not batched:
        return f"output[{t_}, {cols or ':'}]" if cols else f"output[{t_}]"
    if cfg.batch_first:
        return f"output[:, {t_}, {cols}]" if cols else f"output[:, {t_}]"
    return f"output[{t_}, :, {cols}]" if cols else f"output[{t_}]"


def last_step(cfg: RNNConfig, batched: bool = True) -> str:
    """``output`` at its last time step, as code: the time axis is first unless batch_first (batched)."""
    return "output[:, -1]" if batched and cfg.batch_first else "output[-1]"


__all__ = [
    "GridCell",
    "LayerCount",
    "Row",
    "check_input_sizes",
    "counts_by_mode",
    "gate_blocks",
    "init_bound",
    "last_step",
    "letter_rows",
    "letter_values",
    "output_index",
    "parameter_count_notes",
    "parameter_formula",
    "parameter_names",
    "parameter_rows",
    "shape_table",
    "state_grid",
    "symbolic_shape",
    "tensor_rows",
]


LETTERS = ("L", "N", "D", "H_in", "H_cell", "H_out", "num_layers")


def letter_rows(cfg: RNNConfig | None, seq_len: int, batch_size: int | None, lang: str) -> list[dict]:
    """The glossary of torch's letters, with their values for the current settings when valid."""
    values = letter_values(cfg, seq_len, batch_size) if cfg is not None else {}
    return [
        {
            t("home.col.letter", lang): letter,
            t("home.col.meaning", lang): t(f"letter.{letter}", lang),
            t("home.col.value", lang): str(values.get(letter, "—")),
            t("home.col.aka", lang): t(f"aka.{letter}", lang),
        }
        for letter in LETTERS
    ]
