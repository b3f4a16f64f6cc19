"""How a recurrent layer is used in a model: four task patterns, each run for real on the sidebar's module.

- ``many_to_one``: classify a sequence from ``h_n`` (both directions' last states when bidirectional).
- ``many_to_many``: a head on every step, and the reshape CrossEntropy needs.
- ``seq2seq``: an encoder whose ``h_n`` (and ``c_n``) is the decoder's ``h_0``, with teacher forcing.
- ``bidir``: next-step prediction, and why a bidirectional layer cannot do it: the output at step 0
  changes when the input at step 1 (the answer) changes, measured on the real module.

Every row of a pattern's table is a tensor the real modules produced, with the code that produced it;
``snippet`` writes the same code out as a script (the tests run it and compare the shapes it prints).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import torch
from torch import Tensor, nn
from torch.nn import functional as F

from explainer import budget
from explainer.config import LIMITS, MAX_PARAMETERS, ConfigError, RNNConfig, check_int
from explainer.i18n import t
from explainer.run import build_module, meta_module
from explainer.shapes import check_input_sizes
from explainer.snippet import constructor_call

PATTERNS = ("many_to_one", "many_to_many", "seq2seq", "bidir")
CLASSES = (2, 32)  # C: classes of the heads (the decoder's vocabulary); small, the head is not the lesson
DEFAULT_CLASSES = 4  # apart from the default sizes (L 5, N 3), so a swapped axis shows
BOS = 0  # the decoder's start token; targets are drawn from 1..C-1


@dataclass(frozen=True)
class PatternRow:
    """One tensor on the way: its variable, the code that made it, its shape (from torch) and why."""

    name: str
    code: str
    shape: tuple[int, ...]
    symbolic: str
    why: str


@dataclass(frozen=True)
class PatternReport:
    """A pattern run for real: the tensors in order, what feeds the head, the loss, and what goes wrong."""

    pattern: str
    rows: list[PatternRow]
    head: str  # the slice (or tensor) that feeds the head, as code
    head_why: str
    loss_code: str
    loss_why: str
    loss_value: float
    checks: list[tuple[str, float]] = field(default_factory=list)  # (claim as code, measured max |Δ|)
    mistake_code: str = ""  # the classic mistake, as code ('' when the pattern has none here)
    mistake_why: str = ""
    mistake_error: str = ""  # torch's own exception and message for it ('' when torch accepts it)
    notes: list[str] = field(default_factory=list)  # settings this pattern derived, and why
    leak: dict[str, float] = field(default_factory=dict)  # bidir: max |Δ output[0]| per half
    setup: list[str] = field(default_factory=list)  # the snippet's lines before the rows


def check_classes(classes: object) -> int:
    """C, the number of classes: a whole number within CLASSES.

    Raises:
        ConfigError: naming ``classes``, the value and the range (in both languages).
    """
    return check_int("classes", classes, *CLASSES)


def check_pattern(pattern: object) -> str:
    if pattern not in PATTERNS:
        raise ConfigError("pattern", pattern, "choice", choices=", ".join(PATTERNS))
    return str(pattern)


def decoder_config(cfg: RNNConfig) -> RNNConfig:
    """The seq2seq decoder: one direction, the encoder's layers, D·hidden_size wide (D·proj_size).

    A decoder writes one step after another, so it cannot read ahead: it is never bidirectional.
    The encoder's two directions are joined side by side, so the decoder is twice as wide.

    Raises:
        ConfigError: naming hidden_size when the joined width exceeds the app's limits.
    """
    try:
        return replace(
            cfg,
            input_size=cfg.input_size,  # the embedding's width: derived from the sidebar's input_size
            hidden_size=cfg.D * cfg.hidden_size,
            proj_size=cfg.D * cfg.proj_size,
            bidirectional=False,
        )
    except ConfigError:
        err = ConfigError(
            "hidden_size",
            cfg.hidden_size,
            "pat_decoder",
            width=cfg.D * cfg.hidden_size,
            hi=LIMITS["hidden_size"][1],
            limit=f"{MAX_PARAMETERS:,}",
        )
        err.options = [_narrower(cfg)]  # the page offers it as a button, as it does for the budget
        raise err from None


def _narrower(cfg: RNNConfig) -> dict[str, int]:
    """The largest hidden_size (proj_size lowered with it) whose decoder fits the app's limits."""
    lo, hi = 1, cfg.hidden_size - 1
    while lo < hi:  # the decoder's size grows with hidden_size: binary search
        mid = (lo + hi + 1) // 2
        try:
            decoder_config(replace(cfg, hidden_size=mid, proj_size=min(cfg.proj_size, mid - 1)))
            lo = mid
        except ConfigError:
            hi = mid - 1
    return {"hidden_size": lo} | ({"proj_size": min(cfg.proj_size, lo - 1)} if cfg.proj_size else {})


def check(
    pattern: str, cfg: RNNConfig, seq_len: int, batch_size: int | None, device_type: str = "cpu"
) -> None:
    """Refuse settings beyond the budget before anything runs (BudgetError offers smaller ones).

    Many-to-one and many-to-many run the module once and a small head: a forward pass. The leak
    runs the module twice, seq2seq an encoder and then a decoder up to twice as wide over L + 1
    steps: the 'patterns' kind of work.
    """
    check_pattern(pattern)
    check_input_sizes(seq_len, batch_size)
    kind = "patterns" if pattern in ("seq2seq", "bidir") else "forward"
    budget.check(kind, cfg, seq_len, batch_size or 1, device_type)
    if pattern == "seq2seq":
        decoder_config(cfg)


def _fill(module: nn.Module, gen: torch.Generator, k: float) -> nn.Module:
    """Weights from U(-k, k), drawn from a local generator: the same on every run of the same seed."""
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(torch.empty(p.shape).uniform_(-k, k, generator=gen))
    return module.eval()


def _linear(fan_in: int, fan_out: int, gen: torch.Generator) -> nn.Linear:
    # torch's own Linear init bound, 1/sqrt(fan_in), built on meta so the global RNG is left alone
    return _fill(nn.Linear(fan_in, fan_out, device="meta").to_empty(device="cpu"), gen, fan_in**-0.5)


def _shape(x: torch.Tensor) -> tuple[int, ...]:
    return tuple(x.shape)


def _torch_error(fn) -> str:
    """torch's own exception and message when ``fn()`` raises ('RuntimeError: ...'), else ''."""
    try:
        fn()
    except (RuntimeError, ValueError, IndexError) as err:
        return f"{type(err).__name__}: {str(err).strip().splitlines()[0]}"
    return ""


class _Rows:
    """Collects the rows of a pattern in the order the tensors are made."""

    def __init__(self, lang: str, letters: dict[str, str]):
        self.lang, self.letters, self.rows = lang, letters, []

    def add(self, name: str, code: str, value: torch.Tensor, symbolic: str, why: str, **params) -> Tensor:
        text = t(f"pat.why.{why}", self.lang, **(self.letters | params))
        self.rows.append(PatternRow(name, code, _shape(value), symbolic, text))
        return value


def _seq(cfg: RNNConfig, width: str, length: str = "L") -> str:
    """A sequence's shape in letters, in the module's layout: (N, L, width) or (L, N, width)."""
    return f"(N, {length}, {width})" if cfg.batch_first else f"({length}, N, {width})"


def _lead(cfg: RNNConfig, length: str = "L") -> str:
    """One id per step: (N, L) or (L, N)."""
    return f"(N, {length})" if cfg.batch_first else f"({length}, N)"


def _flat(cfg: RNNConfig, rest: str, length: str = "L") -> str:
    """Steps and sequences flattened into one dim, in memory order: (N·L, C) or (L·N, C)."""
    return f"(N·{length}{rest})" if cfg.batch_first else f"({length}·N{rest})"


@dataclass
class _Context:
    """What every pattern starts from: the module run once on x, and where its code and rows go."""

    cfg: RNNConfig
    lang: str
    rows: _Rows
    setup: list[str]  # the snippet's lines before the rows
    notes: list[str]
    n: int
    L: int
    C: int
    x: Tensor  # (L, N, H_in) or (N, L, H_in)
    output: Tensor  # (L, N, D*H_out) or (N, L, D*H_out)
    hx: Tensor | tuple[Tensor, Tensor]  # h_n, or (h_n, c_n) for LSTM
    h_n: Tensor  # (D*num_layers, N, H_out)
    heads: torch.Generator  # the heads' and the embedding's weights
    data: torch.Generator  # inputs and targets
    seed: int
    module: nn.Module  # the sidebar's module, built with the app's weights
    var: str  # the module's name in the snippet
    states: str  # 'h_n' or '(h_n, c_n)' in the snippet
    o_first: Tensor  # output at step 0, (N, D*H_out)
    o_last: Tensor  # output at the last step, (N, D*H_out)

    def at(self, step: int, cols: str = "") -> str:
        """``output`` at one step (and some of its columns), as code in the module's layout."""
        if self.cfg.batch_first:
            return f"output[:, {step}, {cols}]" if cols else f"output[:, {step}]"
        return f"output[{step}, :, {cols}]" if cols else f"output[{step}]"


def _run(
    pattern: str, cfg: RNNConfig, seq_len: int, batch_size: int | None, classes: int, seed: int, lang: str
) -> PatternReport:
    notes = []
    if batch_size is None:  # every head and loss below takes a batch
        notes.append(t("pat.note.batched", lang))
    n = batch_size or 1
    if pattern == "bidir" and seq_len < 2:  # step 0 predicts step 1: there must be a step 1
        notes.append(t("pat.note.two_steps", lang))
        seq_len = 2
    L, C = seq_len, classes
    rnn = build_module(cfg, seed, "cpu")
    heads = torch.Generator().manual_seed(seed + 2)
    data = torch.Generator().manual_seed(seed + 1)
    x_shape = (n, L, cfg.input_size) if cfg.batch_first else (L, n, cfg.input_size)
    x = torch.randn(x_shape, generator=data)
    letters = {"D": str(cfg.D), "H_out": str(cfg.H_out), "C": str(C), "L": str(L), "N": str(n)}
    rows = _Rows(lang, letters)
    var = cfg.mode.lower()
    lstm = cfg.mode == "LSTM"
    states = "(h_n, c_n)" if lstm else "h_n"
    setup = [
        f"{var} = {constructor_call(cfg)}",
        f"{var}.eval()",
        f"_fill({var}, torch.Generator().manual_seed({seed}), {cfg.hidden_size} ** -0.5)",
        f"heads = torch.Generator().manual_seed({seed + 2})",
        f"data = torch.Generator().manual_seed({seed + 1})",
    ]
    x_why = "x_bf" if cfg.batch_first else "x"
    rows.add("x", f"torch.randn({x_shape}, generator=data)", x, _seq(cfg, "H_in"), x_why)
    with torch.no_grad():
        output, hx = rnn(x)
    h_n = hx[0] if lstm else hx
    out_why = "output" if cfg.D == 2 else "output_uni"
    # 'output' and 'h_n' come from one call: its code is written once, on the 'output' row
    rows.add("output", f"output, {states} = {var}(x)", output, _seq(cfg, "D·H_out"), out_why)
    rows.add("h_n", "", h_n, "(D·num_layers, N, H_out)", "h_n")
    context = _Context(
        cfg,
        lang,
        rows,
        setup,
        notes,
        n,
        L,
        C,
        x,
        output,
        hx,
        h_n,
        heads,
        data,
        seed,
        rnn,
        var,
        states,
        o_first=output[:, 0] if cfg.batch_first else output[0],  # (N, D*H_out)
        o_last=output[:, -1] if cfg.batch_first else output[-1],  # (N, D*H_out)
    )
    loss, report = PATTERN_RUNS[pattern](context)
    return PatternReport(pattern, rows.rows, loss_value=loss.item(), notes=notes, setup=setup, **report)


def _many_to_one(c: _Context) -> tuple[Tensor, dict]:
    """Classify each sequence from h_n: the last layer's final state(s) into nn.Linear(D·H_out, C)."""
    cfg, lang, rows, setup, n, C, H, h_n = c.cfg, c.lang, c.rows, c.setup, c.n, c.C, c.cfg.H_out, c.h_n
    heads, data, at, o_first, o_last = c.heads, c.data, c.at, c.o_first, c.o_last
    report: dict = {}
    head = _linear(cfg.D * H, C, heads)
    setup.append(f"head = _linear({cfg.D * H}, {C}, heads)  # nn.Linear(D·H_out, C)")
    if cfg.D == 2:
        code = "torch.cat((h_n[-2], h_n[-1]), dim=-1)"
        features = torch.cat((h_n[-2], h_n[-1]), dim=-1)
        checks = [
            (f"h_n[-2] == {at(-1, f':{H}')}", _diff(h_n[-2], o_last[:, :H])),
            (f"h_n[-1] == {at(0, f'{H}:')}", _diff(h_n[-1], o_first[:, H:])),
        ]
        mistake = "head(h_n[-1])"
        error = _torch_error(lambda: head(h_n[-1]))
        report |= dict(mistake_code=mistake, mistake_why=t("pat.m2o.mistake", lang, H_out=H, width=2 * H))
        report["mistake_error"] = error
    else:
        code = "h_n[-1]"
        features = h_n[-1]
        checks = [(f"h_n[-1] == {at(-1)}", _diff(h_n[-1], o_last))]
    why = "m2o_features_bidir" if cfg.D == 2 else "m2o_features"
    rows.add("features", code, features, "(N, D·H_out)", why)
    logits = rows.add("logits", "head(features)", head(features).detach(), "(N, C)", "m2o_logits")
    target = torch.randint(C, (n,), generator=data)
    rows.add("target", f"torch.randint({C}, ({n},), generator=data)", target, "(N,)", "m2o_target")
    loss = F.cross_entropy(logits, target)
    rows.add("loss", "F.cross_entropy(logits, target)", loss, "()", "loss")
    report |= dict(
        head=code,
        head_why=t("pat.m2o.head_bidir" if cfg.D == 2 else "pat.m2o.head", lang, H_out=H),
        loss_code="F.cross_entropy(logits, target)",
        loss_why=t("pat.m2o.loss", lang),
        checks=checks,
    )
    return loss, report


def _many_to_many(c: _Context) -> tuple[Tensor, dict]:
    """A class for every step: nn.Linear on output, and the two forms CrossEntropy accepts."""
    cfg, lang, rows, setup, n, L, C, H = c.cfg, c.lang, c.rows, c.setup, c.n, c.L, c.C, c.cfg.H_out
    heads, data, output = c.heads, c.data, c.output
    report: dict = {}
    head = _linear(cfg.D * H, C, heads)
    setup.append(f"head = _linear({cfg.D * H}, {C}, heads)  # nn.Linear(D·H_out, C)")
    logits = rows.add("logits", "head(output)", head(output).detach(), _seq(cfg, "C"), "m2m_logits")
    t_shape = (n, L) if cfg.batch_first else (L, n)
    target = torch.randint(C, t_shape, generator=data)
    rows.add("target", f"torch.randint({C}, {t_shape}, generator=data)", target, _lead(cfg), "m2m_target")
    flat = rows.add(
        "flat_logits", f"logits.reshape(-1, {C})", logits.reshape(-1, C), _flat(cfg, ", C"), "m2m_flat"
    )
    flat_t = target.reshape(-1)
    rows.add("flat_target", "target.reshape(-1)", flat_t, _flat(cfg, ","), "m2m_flat_target")
    loss = F.cross_entropy(flat, flat_t)
    rows.add("loss", "F.cross_entropy(flat_logits, flat_target)", loss, "()", "loss")
    if cfg.batch_first:
        ncl_code, tgt_code = "logits.transpose(1, 2)", "target"
        ncl, tgt = logits.transpose(1, 2), target
    else:  # time first: batch to the front, classes second
        ncl_code, tgt_code = "logits.permute(1, 2, 0)", "target.transpose(0, 1)"
        ncl, tgt = logits.permute(1, 2, 0), target.transpose(0, 1)
    rows.add("logits_ncl", ncl_code, ncl, "(N, C, L)", "m2m_ncl")
    rows.add("target_nl", tgt_code, tgt, "(N, L)", "m2m_nl")
    loss2 = F.cross_entropy(ncl, tgt)
    rows.add("loss_ncl", "F.cross_entropy(logits_ncl, target_nl)", loss2, "()", "m2m_loss_ncl")
    error = _torch_error(lambda: F.cross_entropy(logits, target))
    why = "pat.m2m.mistake_error"
    if not error:  # torch took dim 1 as the classes: it ran, on the wrong axis
        why = "pat.m2m.mistake_silent"
    report |= dict(
        head="output",
        head_why=t("pat.m2m.head", lang),
        loss_code=f"F.cross_entropy(logits.reshape(-1, {C}), target.reshape(-1))",
        loss_why=t("pat.m2m.loss", lang, C=C),
        checks=[("loss == loss_ncl", abs(loss.item() - loss2.item()))],
        mistake_code="F.cross_entropy(logits, target)",
        mistake_why=t(why, lang, dim1=logits.shape[1], C=C),
        mistake_error=error,
    )
    return loss, report


def _seq2seq(c: _Context) -> tuple[Tensor, dict]:
    """The encoder's final states start a one-direction decoder that reads the true previous tokens."""
    cfg, lang, rows, setup, notes = c.cfg, c.lang, c.rows, c.setup, c.notes
    n, L, C, H, hx, h_n, heads, data = c.n, c.L, c.C, c.cfg.H_out, c.hx, c.h_n, c.heads, c.data
    report: dict = {}
    lstm, states, seed = c.cfg.mode == "LSTM", c.states, c.seed
    dcfg = decoder_config(cfg)
    decoder = build_module(dcfg, seed + 3, "cpu")
    # _weight skips torch's normal_ init (on meta it would import torch's refs: seconds, once)
    embed = _fill(nn.Embedding(C, cfg.input_size, _weight=torch.empty(C, cfg.input_size)), heads, 1.0)
    head = _linear(dcfg.H_out, C, heads)
    setup += [
        f"decoder = {constructor_call(dcfg)}  # one direction, D·hidden_size wide",
        "decoder.eval()",
        f"_fill(decoder, torch.Generator().manual_seed({seed + 3}), {dcfg.hidden_size} ** -0.5)",
        f"embed = nn.Embedding({C}, {cfg.input_size})  # the decoder's tokens, input_size wide",
        "_fill(embed, heads, 1.0)",
        f"head = _linear({dcfg.H_out}, {C}, heads)  # nn.Linear(decoder's H_out, C)",
    ]
    if lstm:
        c_n = hx[1]
        rows.add("c_n", "", c_n, "(D·num_layers, N, H_cell)", "c_n")
    if cfg.D == 2:
        nl = cfg.num_layers
        join = "torch.cat(({0}_layers[:, 0], {0}_layers[:, 1]), dim=-1)"
        h_l = h_n.view(nl, 2, n, H)  # (num_layers, D, N, H_out): layer by layer, forward then reverse
        rows.add("h_layers", f"h_n.view({nl}, 2, {n}, {H})", h_l, "(num_layers, D, N, H_out)", "s2s_layers")
        h_0 = torch.cat((h_l[:, 0], h_l[:, 1]), dim=-1)  # (num_layers, N, 2*H_out)
        rows.add("h_0", join.format("h"), h_0, "(num_layers, N, D·H_out)", "s2s_h0_bidir")
        if lstm:
            Hc = cfg.H_cell
            c_l = c_n.view(nl, 2, n, Hc)  # (num_layers, D, N, H_cell)
            rows.add(
                "c_layers",
                f"c_n.view({nl}, 2, {n}, {Hc})",
                c_l,
                "(num_layers, D, N, H_cell)",
                "s2s_layers",
            )
            c_0 = torch.cat((c_l[:, 0], c_l[:, 1]), dim=-1)  # (num_layers, N, 2*H_cell)
            rows.add("c_0", join.format("c"), c_0, "(num_layers, N, D·H_cell)", "s2s_c0_bidir")
    else:
        h_0 = rows.add("h_0", "h_n", h_n, "(num_layers, N, H_out)", "s2s_h0")
        if lstm:
            c_0 = rows.add("c_0", "c_n", c_n, "(num_layers, N, H_cell)", "s2s_c0")
    T = L + 1  # the target sequence: a length of its own
    y_shape = (n, T) if cfg.batch_first else (T, n)
    y = torch.randint(1, C, y_shape, generator=data)
    code = f"torch.randint(1, {C}, {y_shape}, generator=data)"
    rows.add("target", code, y, _lead(cfg, "T"), "s2s_target", T=T)
    if cfg.batch_first:
        code = f"torch.cat((torch.full(({n}, 1), {BOS}), target[:, :-1]), dim=1)"
        dec_in = torch.cat((torch.full((n, 1), BOS), y[:, :-1]), dim=1)
    else:
        code = f"torch.cat((torch.full((1, {n}), {BOS}), target[:-1]), dim=0)"
        dec_in = torch.cat((torch.full((1, n), BOS), y[:-1]), dim=0)
    rows.add("dec_in", code, dec_in, _lead(cfg, "T"), "s2s_dec_in")
    emb = embed(dec_in).detach()
    rows.add("embedded", "embed(dec_in)", emb, _seq(cfg, "H_in", "T"), "s2s_embedded")
    with torch.no_grad():
        state = (h_0, c_0) if lstm else h_0
        dec_out, _ = decoder(emb, state)
    code = f"decoder(embedded, {'(h_0, c_0)' if lstm else 'h_0'})[0]"
    rows.add("dec_out", code, dec_out, _seq(cfg, "D·H_out", "T"), "s2s_dec_out")
    logits = head(dec_out).detach()
    rows.add("logits", "head(dec_out)", logits, _seq(cfg, "C", "T"), "m2m_logits")
    flat = rows.add(
        "flat_logits",
        f"logits.reshape(-1, {C})",
        logits.reshape(-1, C),
        _flat(cfg, ", C", "T"),
        "m2m_flat",
    )
    flat_t = rows.add(
        "flat_target", "target.reshape(-1)", y.reshape(-1), _flat(cfg, ",", "T"), "m2m_flat_target"
    )
    loss = F.cross_entropy(flat, flat_t)
    rows.add("loss", "F.cross_entropy(flat_logits, flat_target)", loss, "()", "loss")
    # the mistake: the encoder's states as they come, into a decoder that does not match them
    if cfg.D == 2:
        wrong = meta_module(dcfg.mode, dcfg.module_kwargs())
        mistake = f"decoder(embedded, {states})"
        rows_, layers = 2 * cfg.num_layers, cfg.num_layers
        why = t("pat.s2s.mistake_bidir", lang, rows=rows_, layers=layers, H_out=H, width=2 * H)
    else:  # built on meta: torch checks it whatever its size, and nothing is allocated
        deeper = dcfg.module_kwargs() | {"num_layers": cfg.num_layers + 1, "dropout": 0.0}
        wrong = meta_module(dcfg.mode, deeper)
        mistake = f"nn.{cfg.mode}(…, num_layers={cfg.num_layers + 1})(embedded, {states})"
        why = t("pat.s2s.mistake_layers", lang, layers=cfg.num_layers, more=cfg.num_layers + 1)
    meta_state = tuple(s.to("meta") for s in hx) if lstm else h_n.to("meta")
    error = _torch_error(lambda: wrong(emb.to("meta"), meta_state))
    notes.append(t("pat.note.decoder", lang, call=constructor_call(dcfg), T=T, E=cfg.input_size))
    report |= dict(
        head="dec_out",
        head_why=t("pat.s2s.head", lang),
        loss_code=f"F.cross_entropy(logits.reshape(-1, {C}), target.reshape(-1))",
        loss_why=t("pat.s2s.loss", lang),
        mistake_code=mistake,
        mistake_why=why,
        mistake_error=error,
    )
    return loss, report


def _bidir(c: _Context) -> tuple[Tensor, dict]:
    """Predict x_(t+1) from output at t; then change x_1 only and measure how output at step 0 moves."""
    cfg, lang, rows, setup, H = c.cfg, c.lang, c.rows, c.setup, c.cfg.H_out
    x, output, heads, data, o_first = c.x, c.output, c.heads, c.data, c.o_first
    report: dict = {}
    var, out_why = c.var, "output" if c.cfg.D == 2 else "output_uni"
    head = _linear(cfg.D * H, cfg.input_size, heads)
    setup.append(f"head = _linear({cfg.D * H}, {cfg.input_size}, heads)  # nn.Linear(D·H_out, H_in)")
    if cfg.batch_first:
        pred_code, tgt_code = "head(output[:, :-1])", "x[:, 1:]"
        pred, target = head(output[:, :-1]).detach(), x[:, 1:]
    else:
        pred_code, tgt_code = "head(output[:-1])", "x[1:]"
        pred, target = head(output[:-1]).detach(), x[1:]
    rows.add("prediction", pred_code, pred, _seq(cfg, "H_in", "L-1"), "next_pred")
    rows.add("next_x", tgt_code, target, _seq(cfg, "H_in", "L-1"), "next_target")
    loss = F.mse_loss(pred, target)
    rows.add("loss", "F.mse_loss(prediction, next_x)", loss, "()", "loss")
    # change only x_1, the value output[0] is asked to predict, and run the module again
    x2 = x.clone()
    step1 = (slice(None), 1) if cfg.batch_first else (1,)
    x2[step1] = torch.randn(x2[step1].shape, generator=data)
    index = ":, 1" if cfg.batch_first else "1"
    code = f"x_changed = x.clone()\nx_changed[{index}] = torch.randn({_shape(x2[step1])}, generator=data)"
    rows.add("x_changed", code, x2, _seq(cfg, "H_in"), "leak_x")
    with torch.no_grad():
        out2, _ = c.module(x2)
    rows.add("output_changed", f"{var}(x_changed)[0]", out2, _seq(cfg, "D·H_out"), out_why)
    o2_first = out2[:, 0] if cfg.batch_first else out2[0]
    leak = {"forward": _diff(o_first[:, :H], o2_first[:, :H])}
    if cfg.D == 2:
        leak["reverse"] = _diff(o_first[:, H:], o2_first[:, H:])
    report |= dict(
        head="output[:, :-1]" if cfg.batch_first else "output[:-1]",
        head_why=t("pat.bidir.head", lang),
        loss_code=f"F.mse_loss(head({pred_code[5:-1]}), {tgt_code})",
        loss_why=t("pat.bidir.loss", lang),
        leak=leak,
    )
    return loss, report


def reads_the_future(cfg: RNNConfig, half: str) -> bool:
    """Whether output[0]'s ``half`` ('forward' or 'reverse') has read x_1, by the layer's wiring: the
    reverse direction reads x_(L-1) … x_0, and above layer 0 the forward one reads the layer below's
    reverse half. A change of 0 there is relu inactive on both inputs, not a direction that cannot see."""
    return cfg.bidirectional and (half == "reverse" or cfg.num_layers > 1)


PATTERN_RUNS = {
    "many_to_one": _many_to_one,
    "many_to_many": _many_to_many,
    "seq2seq": _seq2seq,
    "bidir": _bidir,
}


def _diff(a: torch.Tensor, b: torch.Tensor) -> float:
    return (a - b).abs().max().item() if a.numel() else 0.0


def pattern_report(
    pattern: str,
    cfg: RNNConfig,
    seq_len: int,
    batch_size: int | None,
    classes: int = DEFAULT_CLASSES,
    seed: int = 0,
    lang: str = "en",
) -> PatternReport:
    """Run ``pattern`` on real modules built from ``cfg``: every tensor's shape, the loss, the checks.

    Args:
        pattern: one of PATTERNS.
        cfg: the sidebar's module (the encoder, for seq2seq).
        seq_len: L; batch_size: N, or None (the pattern then uses a batch of 1 and says so).
        classes: C, the heads' classes (the decoder's vocabulary).

    Raises:
        ConfigError: a setting outside its range; BudgetError beyond the compute budget.
    """
    check(pattern, cfg, seq_len, batch_size)
    check_classes(classes)
    return _run(pattern, cfg, seq_len, batch_size, classes, seed, lang)


def snippet(report: PatternReport) -> str:
    """A standalone script that builds the same modules, runs the pattern and prints every shape
    (and the loss and measured differences) the page shows."""
    lines = [
        "import torch",
        "from torch import nn",
        "from torch.nn import functional as F",
        "",
        "",
        "def _fill(module, gen, k):  # weights from U(-k, k), as the app draws them",
        "    with torch.no_grad():",
        "        for p in module.parameters():",
        "            p.uniform_(-k, k, generator=gen)",
        "    return module.eval()",
        "",
        "",
        "def _linear(fan_in, fan_out, gen):  # torch's Linear, with its bound 1/sqrt(fan_in)",
        "    return _fill(nn.Linear(fan_in, fan_out), gen, fan_in ** -0.5)",
        "",
        "",
        *report.setup,
    ]
    for row in report.rows:
        if row.code.startswith((f"{row.name} =", f"{row.name},")):  # a statement of its own
            lines += row.code.splitlines()
        elif row.code:
            lines.append(f"{row.name} = {row.code}")
        lines.append(f'print("{row.name}", tuple({row.name}.shape))  # {row.symbolic} = {row.shape}')
    lines.append('print("loss_value", loss.item())')
    for claim, _ in report.checks:
        left, right = claim.split(" == ")
        lines.append(f'print("check", ({left} - {right}).abs().max().item())  # {claim}')
    if report.leak:
        H = report.rows[1].shape[-1] // len(report.leak)
        step0 = ":, 0" if _batch_first(report) else "0, :"  # step 0 in the module's layout
        lines.append(f"# output[{step0}] is asked to predict x_1: does it change when only x_1 changes?")
        for i, half in enumerate(report.leak):
            cols = f"{i * H}:{(i + 1) * H}"
            diff = f"(output[{step0}, {cols}] - output_changed[{step0}, {cols}]).abs().max().item()"
            lines.append(f'print("leak_{half}", {diff})')
    return "\n".join(lines) + "\n"


def _batch_first(report: PatternReport) -> bool:
    return report.rows[0].symbolic.startswith("(N,")


__all__ = [
    "CLASSES",
    "DEFAULT_CLASSES",
    "PATTERNS",
    "PatternReport",
    "PatternRow",
    "check",
    "check_classes",
    "check_pattern",
    "decoder_config",
    "pattern_report",
    "snippet",
]
