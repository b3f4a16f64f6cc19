"""What the seed articles teach that the other pages did not yet show, computed with real torch.

- one-hot input, with input_size = the vocabulary size (the nn.RNN summary article);
- ``output.view(L, N, D, H_out)`` and ``h_n.view(num_layers, D, N, H_out)`` to split the
  directions (the nn.RNN docstring the RNN-project article reproduces);
- nn.Embedding: padding_idx (its row is zero and gets no gradient), packing an embedded padded
  batch, and its N(0, 1) init next to the recurrent layer's U(-1/sqrt(H), 1/sqrt(H));
- the char-RNN article's model built by hand (a Linear on cat(x, h) for i2h and i2o,
  LogSoftmax + NLLLoss), held against nn.RNNCell, nn.RNN and CrossEntropyLoss.

Every number a page shows from here is measured on the real modules; every expression shown is
the one evaluated.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence

from explainer import budget
from explainer.config import RNNConfig
from explainer.i18n import join, t
from explainer.run import build_module, meta_module
from explainer.sources import source

Tensor = torch.Tensor
MAX_L, MAX_N = 6, 3  # the view and one-hot checks are about layout: a few steps show it at any size
EXACT = 1e-12  # float64 rounding: below this a difference is 0
VOCAB = 12  # the Embedding demo's vocabulary on the packed page; id 0 is the padding
INIT_ROWS, INIT_DIM = 1000, 64  # an Embedding big enough for its init to show its distribution


@dataclass(frozen=True)
class Check:
    """One comparison, as code on both sides, and what real torch measured between them."""

    left: str
    right: str
    diff: float  # max |left - right|; inf when the shapes differ

    @property
    def equal(self) -> bool:
        return self.diff <= EXACT


def _diff(a: Tensor, b: Tensor) -> float:
    if a.shape != b.shape:
        return math.inf
    return (a.double() - b.double()).abs().max().item() if a.numel() else 0.0


def _small(seq_len: int, batch_size: int | None) -> tuple[int, int | None]:
    return min(seq_len, MAX_L), None if batch_size is None else min(batch_size, MAX_N)


def _checks(pairs: list[tuple[str, str]], namespace: dict) -> list[Check]:
    """Evaluate each (left, right) pair of expressions: the code shown is the code measured."""
    return [Check(a, b, _diff(eval(a, {}, namespace), eval(b, {}, namespace))) for a, b in pairs]  # noqa: S307


# --- one-hot input --------------------------------------------------------------------------


@dataclass(frozen=True)
class OneHotReport:
    vocab: int  # V = input_size
    x_shape: tuple[int, ...]  # one_hot(ids, V): the ids' shape plus V
    output_shape: tuple[int, ...]  # the hidden states: D·H_out wide, not V
    head_shape: tuple[int, ...]  # after nn.Linear(D·H_out, V): a score per token
    lookup: Check  # one_hot(ids) @ W_ih_l0.T == nn.Embedding.from_pretrained(W_ih_l0.T)(ids)


def module64(cfg: RNNConfig, seed: int = 0) -> nn.Module:
    """The page's module (build_module's seeded weights) in float64 on the CPU, for the checks here."""
    return build_module(cfg, seed, "cpu").double()


def one_hot_report(
    cfg: RNNConfig, seq_len: int, batch_size: int | None, seed: int = 0, module: nn.Module | None = None
) -> OneHotReport:
    """Token ids as one-hot vectors: input_size is the vocabulary size V = cfg.input_size.

    x = F.one_hot(ids, V) (ids (L, N), (N, L) with batch_first, or (L,)) -> (..., V). Its product
    with W_ih_l0ᵀ only picks row ``id`` of W_ih_l0ᵀ: an Embedding lookup, measured here.
    """
    L, N = _small(seq_len, batch_size)
    V = cfg.input_size
    gen = torch.Generator().manual_seed(seed + 2)
    ids_shape = (L,) if N is None else ((N, L) if cfg.batch_first else (L, N))
    ids = torch.randint(V, ids_shape, generator=gen)
    module = module64(cfg, seed) if module is None else module
    x = F.one_hot(ids, V).double()  # (*ids_shape, V)
    with torch.no_grad():
        output, _ = module(x)
        head = nn.Linear(cfg.D * cfg.H_out, V, device="meta", dtype=output.dtype)(output.to("meta"))  # shape
        w_ih = module.weight_ih_l0  # (G·H_cell, V)
        namespace = {"x": x, "ids": ids, "W_ih": w_ih, "nn": nn}
        lookup = _checks([("x @ W_ih.T", "nn.Embedding.from_pretrained(W_ih.T)(ids)")], namespace)[0]
    return OneHotReport(V, tuple(x.shape), tuple(output.shape), tuple(head.shape), lookup)


# --- output.view / h_n.view -----------------------------------------------------------------


@dataclass(frozen=True)
class ViewReport:
    seq_len: int
    batch_size: int | None
    output_view: str  # e.g. output.view(6, 3, 2, 20)
    h_n_view: str  # e.g. h_n.view(2, 2, 3, 20)
    checks: list[Check]  # each equal, except the last: the reverse direction is not final at L-1


def view_report(
    cfg: RNNConfig, seq_len: int, batch_size: int | None, seed: int = 0, module: nn.Module | None = None
) -> ViewReport:
    """The docstring's idiom: ``output.view(L, N, D, H_out)`` splits the directions (index 0 is
    forward, 1 reverse) and ``h_n.view(num_layers, D, N, H_out)`` splits layers from directions.

    Run on the real module (L and N capped at a few steps): which slice of one view equals which
    slice of the other, and of output and h_n themselves.
    """
    L, N = _small(seq_len, batch_size)
    D, H, layers = cfg.D, cfg.H_out, cfg.num_layers
    module = module64(cfg, seed) if module is None else module
    gen = torch.Generator().manual_seed(seed + 3)
    x_shape = (
        (L, cfg.input_size) if N is None else ((N, L) if cfg.batch_first else (L, N)) + (cfg.input_size,)
    )
    with torch.no_grad():
        output, states = module(torch.randn(x_shape, generator=gen, dtype=torch.float64))
    h_n = states[0] if isinstance(states, tuple) else states
    batch = "" if N is None else f"{N}, "
    bf = N is not None and cfg.batch_first
    ov = f"output.view({N}, {L}, {D}, {H})" if bf else f"output.view({L}, {batch}{D}, {H})"
    hv = f"h_n.view({layers}, {D}, {batch}{H})"

    def at(t_: int, d: int) -> str:  # direction d at time t in the view
        return f"[:, {t_}, {d}]" if bf else (f"[{t_}, {d}]" if N is None else f"[{t_}, :, {d}]")

    def plain(t_: int, d: int) -> str:  # the same, as columns of output itself
        cols = f"{d * H}:{(d + 1) * H}" if D == 2 else ":"
        return (
            f"output[:, {t_}, {cols}]"
            if bf
            else (f"output[{t_}, {cols}]" if N is None else f"output[{t_}, :, {cols}]")
        )

    pairs = [(f"{ov}{at(L - 1, d)}", plain(L - 1, d)) for d in range(D)]
    pairs += [(f"{hv}[{k}, {d}]", f"h_n[{k * D + d}]") for k in range(layers) for d in range(D)]
    pairs.append((f"{hv}[-1, 0]", f"{ov}{at(L - 1, 0)}"))  # forward: final at t = L-1
    if D == 2:
        pairs.append((f"{hv}[-1, 1]", f"{ov}{at(0, 1)}"))  # reverse: final at t = 0
        pairs.append((f"{hv}[-1, 1]", f"{ov}{at(L - 1, 1)}"))  # the mistake: not final at L-1
    checks = _checks(pairs, {"output": output, "h_n": h_n})
    return ViewReport(L, N, ov, hv, checks)


# --- nn.Embedding: padding_idx, packing, init -----------------------------------------------


@dataclass(frozen=True)
class EmbeddingReport:
    vocab: int
    embedding_dim: int
    ids: list[list[int]]  # (N, L_max), 0 after each sequence's length
    pad_row: float  # max |emb.weight[0]|: zeros at construction
    pad_output: float  # max |emb(ids)| where ids == 0
    pad_grad: float  # max |emb.weight.grad[0]| after a backward through the packed module
    other_grad: float  # max |emb.weight.grad[1:]|: the other rows do learn
    packed_vs_alone: float  # max |h_n (packed batch) - h_n (each sequence run alone)|
    embedding_mean: float  # nn.Embedding(1000, 64)'s own init, measured
    embedding_std: float
    rnn_bound: float  # 1/sqrt(hidden_size)
    rnn_max: float  # max |w| over the recurrent module's own init
    rnn_std: float  # vs bound/sqrt(3) for a uniform distribution


def embedding_report(cfg: RNNConfig, lengths: list[int], seed: int = 0) -> EmbeddingReport:
    """An embedded padded batch with padding_idx=0, packed, through the real module (float64).

    The inits are torch's own (nn.Embedding: N(0, 1); nn.RNN/LSTM/GRU: U(-1/sqrt(H), 1/sqrt(H))),
    drawn under a forked RNG seeded with ``seed`` so the page shows the same numbers each time.
    """
    L, N, E = max(lengths), len(lengths), cfg.input_size
    budget.check("packed", cfg, L, N, "cpu")
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        emb = nn.Embedding(VOCAB, E, padding_idx=0).double()
        module = meta_module(cfg.mode, cfg.module_kwargs()).to_empty(device="cpu")  # no draw yet
        module.reset_parameters()  # torch's own init, the draws construction on the CPU would make
        module = module.double().eval()
        big = nn.Embedding(INIT_ROWS, INIT_DIM)
        ids = torch.randint(1, VOCAB, (N, L))
    for b, n in enumerate(lengths):
        ids[b, n:] = 0  # padding
    pad_row = emb.weight[0].abs().max().item()
    x = emb(ids if cfg.batch_first else ids.T)  # (N, L, E) or (L, N, E)
    pad_output = x[(ids if cfg.batch_first else ids.T) == 0].abs().max().item() if (ids == 0).any() else 0.0
    packed = pack_padded_sequence(x, torch.tensor(lengths), batch_first=cfg.batch_first, enforce_sorted=False)
    _, states = module(packed)
    h_n = states[0] if isinstance(states, tuple) else states  # (D·num_layers, N, H_out)
    h_n.sum().backward()
    grad = emb.weight.grad
    with torch.no_grad():
        alone = []
        for b, n in enumerate(lengths):  # each sequence unpadded, as a batch of one
            one = emb(ids[b, :n])[:, None]  # (n, 1, E)
            one = one.transpose(0, 1) if cfg.batch_first else one
            _, s = module(one)
            alone.append((s[0] if isinstance(s, tuple) else s)[:, 0])
        packed_vs_alone = _diff(h_n.detach(), torch.stack(alone, 1))
    weights = torch.cat([p.detach().flatten() for p in module.parameters()])
    return EmbeddingReport(
        vocab=VOCAB,
        embedding_dim=E,
        ids=ids.tolist(),
        pad_row=pad_row,
        pad_output=pad_output,
        pad_grad=grad[0].abs().max().item(),
        other_grad=grad[1:].abs().max().item(),
        packed_vs_alone=packed_vs_alone,
        embedding_mean=big.weight.mean().item(),
        embedding_std=big.weight.std().item(),
        rnn_bound=cfg.hidden_size**-0.5,
        rnn_max=weights.abs().max().item(),
        rnn_std=weights.std().item(),
    )


# --- the char-RNN article's model, built by hand --------------------------------------------


class SeedRNN(nn.Module):
    """The char-RNN article's model, as written there (a Linear on cat(x, h) for both outputs)."""

    def __init__(self, input_size: int, hidden_size: int, output_size: int):
        super().__init__()
        self.hidden_size = hidden_size
        self.i2h = nn.Linear(input_size + hidden_size, hidden_size)
        self.i2o = nn.Linear(input_size + hidden_size, output_size)
        self.softmax = nn.LogSoftmax(dim=1)

    def forward(self, input: Tensor, hidden: Tensor) -> tuple[Tensor, Tensor]:
        combined = torch.cat((input, hidden), 1)  # (1, V + H)
        hidden = self.i2h(combined)  # (1, H): no nonlinearity
        output = self.i2o(combined)  # (1, V): from x_t and the previous hidden
        output = self.softmax(output)
        return output, hidden


@dataclass(frozen=True)
class CharRNNReport:
    vocab: int
    hidden: int
    steps: int
    index_error: str | None  # torch's message when fed an index as the article's train() does
    checks: list[Check]  # in CHAR_ROWS order: equal, differs, equal, equal, differs, equal


def cell_from_seed(seed_rnn: SeedRNN, vocab: int) -> nn.RNNCell:
    """An nn.RNNCell holding the article's i2h: W_ih = i2h.weight[:, :V], W_hh = i2h.weight[:, V:],
    b_ih = i2h.bias, b_hh = 0 (a cell adds two biases; only their sum matters)."""
    H = seed_rnn.hidden_size
    cell = nn.RNNCell(vocab, H, device="meta").to_empty(device="cpu").double()
    with torch.no_grad():
        cell.weight_ih.copy_(seed_rnn.i2h.weight[:, :vocab])  # (H, V)
        cell.weight_hh.copy_(seed_rnn.i2h.weight[:, vocab:])  # (H, H)
        cell.bias_ih.copy_(seed_rnn.i2h.bias)
        cell.bias_hh.zero_()
    return cell


def char_rnn_report(text: str, hidden: int = 6, seed: int = 0) -> CharRNNReport:
    """The article's i2h/i2o model against torch's modules, on one-hot characters of ``text`` (float64).

    Checks, each measured: (1) one step of i2h followed by tanh equals nn.RNNCell holding its
    weights; (2) the article's i2h alone (no tanh) does not; (3) with tanh added, the loop over
    the text equals nn.RNN; (4) i2o is W_o[:, :V] x_t + W_o[:, V:] h_{t-1} + b_o; (5) so a Linear
    head on the new h_t holding i2o's hidden columns does not give its scores; (6) LogSoftmax +
    NLLLoss equals CrossEntropyLoss on the raw scores.
    """
    chars = sorted(set(text))
    V, T = len(chars), len(text) - 1
    ids = torch.tensor([chars.index(c) for c in text])
    gen = torch.Generator().manual_seed(seed)
    model = SeedRNN(V, hidden, V).double()
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(torch.empty(p.shape, dtype=torch.float64).uniform_(-0.5, 0.5, generator=gen))
    xs = F.one_hot(ids[:-1], V).double()  # (T, V): the inputs; targets are ids[1:]
    h0 = torch.zeros(1, hidden, dtype=torch.float64)
    try:  # what the article's train() passes: an index, not a one-hot row
        model(ids[0], h0)
        index_error = None
    except (RuntimeError, IndexError) as err:
        index_error = str(err)
    cell = cell_from_seed(model, V)
    layer = nn.RNN(V, hidden, device="meta").to_empty(device="cpu").double()
    with torch.no_grad():
        for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
            getattr(layer, name + "_l0").copy_(getattr(cell, name))
        seed_h, tanh_h, cell_h, seed_out, prev = [], [], [], [], h0
        h_seed, h_tanh = h0, h0
        for t_ in range(T):
            x = xs[t_ : t_ + 1]  # (1, V)
            out, h_seed = model(x, h_seed)
            h_tanh = torch.tanh(model.i2h(torch.cat((x, h_tanh), 1)))  # the article's line, plus tanh
            prev = cell(x, prev)
            seed_out.append(out)
            seed_h.append(h_seed)
            tanh_h.append(h_tanh)
            cell_h.append(prev)
        layer_out, _ = layer(xs[:, None])  # (T, 1, H)
        w_o = model.i2o.weight  # (V, V + H): the first V columns read x_t, the last H read h_{t-1}
        h_prev = torch.cat([h0, *seed_h[:-1]])  # (T, H): the hidden state each step's i2o reads
        head = nn.Linear(hidden, V, device="meta").to_empty(device="cpu").double()
        head.weight.copy_(model.i2o.weight[:, V:])
        head.bias.copy_(model.i2o.bias)
        namespace = {
            "step_article_tanh": torch.tanh(model.i2h(torch.cat((xs[:1], h0), 1))),
            "step_cell": cell(xs[:1], h0),
            "article_hidden": torch.cat(seed_h),
            "cell_hidden": torch.cat(cell_h),
            "article_hidden_tanh": torch.cat(tanh_h),
            "rnn_output": layer_out[:, 0],
            "article_scores": torch.cat(seed_out),
            "split_scores": F.log_softmax(xs @ w_o[:, :V].T + h_prev @ w_o[:, V:].T + model.i2o.bias, dim=1),
            "head_scores": F.log_softmax(head(torch.cat(seed_h)), dim=1),  # a head on h_t instead
        }
        logits = model.i2o(torch.cat((xs, h_prev), 1))  # (T, V), before LogSoftmax
        targets = ids[1:]
        namespace["nll"] = F.nll_loss(F.log_softmax(logits, dim=1), targets)
        namespace["cross_entropy"] = F.cross_entropy(logits, targets)
    checks = _checks(
        [
            ("step_article_tanh", "step_cell"),
            ("article_hidden", "cell_hidden"),
            ("article_hidden_tanh", "rnn_output"),
            ("article_scores", "split_scores"),
            ("article_scores", "head_scores"),
            ("nll", "cross_entropy"),
        ],
        namespace,
    )
    return CharRNNReport(V, hidden, T, index_error, checks)


CHAR_ROWS = ("step", "no_tanh", "sequence", "split", "head", "loss")


def char_rnn_rows(report: CharRNNReport, lang: str) -> list[dict[str, str]]:
    """The five comparisons as table rows: what, both sides in words, and the measured difference."""
    rows = []
    for name, check in zip(CHAR_ROWS, report.checks, strict=True):
        verdict = t("seed.equal" if check.equal else "seed.differ", lang)
        diff = "—" if math.isinf(check.diff) else f"{check.diff:.1e}"
        rows.append(
            {
                t("seed.col.what", lang): t(f"seed.char.{name}", lang),
                t("seed.col.diff", lang): diff,
                t("seed.col.verdict", lang): verdict,
            }
        )
    return rows


def view_rows(report: ViewReport, lang: str) -> list[dict[str, str]]:
    rows = []
    for check in report.checks:
        verdict = t("seed.equal" if check.equal else "seed.differ", lang)
        diff = "—" if math.isinf(check.diff) else f"{check.diff:.1e}"
        rows.append(
            {
                t("seed.col.left", lang): check.left,
                t("seed.col.right", lang): check.right,
                t("seed.col.diff", lang): diff,
                t("seed.col.verdict", lang): verdict,
            }
        )
    return rows


def _verdict(check: Check, lang: str) -> str:
    return t("seed.equal" if check.equal else "seed.differ", lang)


def output_note(cfg: RNNConfig, lang: str) -> str:
    """Under the shapes table: output is the hidden states, with no output layer."""
    return t("seed.output_hidden", lang, width=cfg.D * cfg.H_out, mode=cfg.mode)


def one_hot_text(cfg: RNNConfig, report: OneHotReport, lang: str) -> str:
    check = report.lookup
    return t(
        "seed.one_hot",
        lang,
        V=report.vocab,
        x_shape=report.x_shape,
        output_shape=report.output_shape,
        width=cfg.D * cfg.H_out,
        head_shape=report.head_shape,
        left=check.left,
        right=check.right,
        diff=f"{check.diff:.1e}",
        verdict=_verdict(check, lang),
    )


def view_text(report: ViewReport, lang: str) -> str:
    dim = 1 if report.batch_size is None else 2  # the D axis of the view: (L, D, H) or (L, N, D, H)
    return t("seed.views", lang, ov=report.output_view, hv=report.h_n_view, L=report.seq_len, dim=dim)


def embedding_lines(cfg: RNNConfig, report: EmbeddingReport, lang: str) -> list[str]:
    """What the Embedding demo measured, one sentence per fact."""
    e = report
    return [
        t("seed.emb.setup", lang, V=e.vocab, E=e.embedding_dim),
        t("seed.emb.pad_row", lang, pad_row=f"{e.pad_row:g}", pad_output=f"{e.pad_output:g}"),
        t("seed.emb.grad", lang, pad_grad=f"{e.pad_grad:g}", other_grad=f"{e.other_grad:.3g}"),
        t("seed.emb.packed", lang, packed_vs_alone=f"{e.packed_vs_alone:.1e}"),
        t(
            "seed.emb.init",
            lang,
            rows=INIT_ROWS,
            dim=INIT_DIM,
            mean=f"{e.embedding_mean:.3f}",
            std=f"{e.embedding_std:.3f}",
            H=cfg.hidden_size,
            bound=f"{e.rnn_bound:.4f}",
            max=f"{e.rnn_max:.4f}",
            rnn_std=f"{e.rnn_std:.4f}",
            uniform_std=f"{e.rnn_bound / math.sqrt(3):.4f}",
        ),
    ]


def char_notes(report: CharRNNReport, lang: str) -> tuple[str, str]:
    """The intro above the table, and the note below it."""
    intro = t("seed.char.intro", lang, V=report.vocab, H=report.hidden, T=report.steps)
    error = report.index_error and t("seed.char.index_error", lang, error=report.index_error.rstrip(". "))
    return intro, join(lang, error or "", t("seed.char.ours", lang))


def seed_rnn_source() -> str:
    """The article's model, exactly the class the checks ran."""
    return source(SeedRNN)
