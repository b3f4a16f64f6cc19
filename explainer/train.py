"""Two tiny models from the seed articles, trained live in small bounded steps.

- 'char': the character RNN that learns to continue "hello world" (nn.Embedding -> nn.RNN -> nn.Linear).
- 'sine': the LSTM that predicts the next value of a sine wave from the previous 30.

Training state is plain data a page keeps per session; ``train_chunk`` runs for a fixed slice of
time and returns, so a page can draw between slices and other sessions get the interpreter.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import torch
from torch import nn

from explainer.config import LIMITS, ConfigError, check_int
from explainer.inputs import MAX_TEXT, check_text
from explainer.sources import source

TASKS = ("char", "sine")
DEMOS = (*TASKS, "stateful")  # the page's choices: the two demos, and the sine LSTM trained four ways
MAX_STEPS = 500  # per run: with the fixed tiny models and text <= 64 characters, this bounds time and memory
MIN_STEPS = 10  # fewer draws no curve
WINDOW = 30  # the sine article's look-back
SINE_BATCH = 32
HIDDEN = 24
INIT_RANGE = 0.3  # weights start in U(-0.3, 0.3), drawn from a local generator


class CharModel(nn.Module):
    def __init__(self, vocab: int, hidden: int = HIDDEN):
        super().__init__()
        self.embed = nn.Embedding(vocab, 8)
        self.rnn = nn.RNN(8, hidden, batch_first=True)
        self.head = nn.Linear(hidden, vocab)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        out, _ = self.rnn(self.embed(ids))  # (N, L, hidden)
        return self.head(out)  # (N, L, vocab): a score for every next character


class SineModel(nn.Module):
    def __init__(self, hidden: int = HIDDEN):
        super().__init__()
        self.lstm = nn.LSTM(1, hidden, batch_first=True)
        self.head = nn.Linear(hidden, 1)

    def forward(self, window: torch.Tensor) -> torch.Tensor:
        _, (h_n, _) = self.lstm(window)  # window (N, 30, 1); h_n (1, N, hidden)
        return self.head(h_n[-1])  # (N, 1): the next value


@dataclass
class TrainState:
    """A run: the model, its optimiser, the losses so far, and the data it learns from."""

    task: str
    text: str
    seed: int
    model: nn.Module
    optimizer: torch.optim.Optimizer
    generator: torch.Generator
    device: torch.device = torch.device("cpu")
    steps: int = MAX_STEPS  # the run ends after this many optimiser steps
    losses: list[float] = field(default_factory=list)
    seconds: float = 0.0
    stopped: bool = False

    @property
    def step(self) -> int:
        return len(self.losses)

    @property
    def done(self) -> bool:
        return self.stopped or self.step >= min(self.steps, MAX_STEPS)

    @property
    def vocab(self) -> list[str]:
        return sorted(set(self.text))


def _init(model: nn.Module, gen: torch.Generator) -> None:
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(torch.empty(p.shape).uniform_(-INIT_RANGE, INIT_RANGE, generator=gen))


def check_train_text(text: object) -> str:
    """The char demo's text: what check_text allows, and at least 2 characters.

    The model reads each character and is scored on the next one, so one character leaves
    nothing to predict (inputs text[:-1] would be empty).

    Raises:
        ConfigError: naming ``text``, the value and the rule (in both languages).
    """
    if isinstance(text, str) and len(text) < 2:
        raise ConfigError("text", text, "train_text_len", lo=2, hi=MAX_TEXT)
    return check_text(text)


def check_steps(steps: object) -> int:
    """A run's step count: a whole number from MIN_STEPS to MAX_STEPS.

    Raises:
        ConfigError: naming ``steps``, the value and the allowed range (in both languages).
    """
    return check_int("steps", steps, MIN_STEPS, MAX_STEPS)


def start(
    task: str,
    seed: int = 0,
    text: str = "hello world",
    device: str | torch.device = "cpu",
    steps: int = MAX_STEPS,
) -> TrainState:
    """A fresh run, the same for the same (task, seed, text) whatever else the process is doing."""
    if task not in TASKS:
        raise ValueError(f"task must be one of {TASKS}, got {task!r}")
    steps = check_steps(steps)
    check_int("seed", seed, *LIMITS["seed"])
    text = check_train_text(text) if task == "char" else text
    gen = torch.Generator().manual_seed(seed)
    model = CharModel(len(set(text))) if task == "char" else SineModel()
    _init(model, gen)  # drawn on the CPU, then moved: the same run on any device
    device = torch.device(device)
    model = model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.03 if task == "char" else 0.01)
    return TrainState(task, text, seed, model, optimizer, gen, device, steps)


def sine(t: torch.Tensor) -> torch.Tensor:
    return torch.sin(2 * math.pi * t / 25.0)


def _batch(state: TrainState) -> tuple[torch.Tensor, torch.Tensor]:
    if state.task == "char":
        ids = torch.tensor([state.vocab.index(c) for c in state.text])  # (L,)
        return ids[None, :-1], ids[None, 1:]  # inputs and next-character targets, (1, L-1)
    start_t = torch.rand(SINE_BATCH, 1, generator=state.generator) * 100  # (N, 1)
    t = start_t + torch.arange(WINDOW + 1)  # (N, 31)
    wave = sine(t)
    return wave[:, :WINDOW, None], wave[:, WINDOW:]  # (N, 30, 1) -> (N, 1)


def train_step(state: TrainState) -> float:
    state.model.train()
    x, y = (v.to(state.device) for v in _batch(state))
    out = state.model(x)
    if state.task == "char":
        loss = nn.functional.cross_entropy(out.reshape(-1, out.shape[-1]), y.reshape(-1))
    else:
        loss = nn.functional.mse_loss(out, y)
    state.optimizer.zero_grad()
    loss.backward()
    state.optimizer.step()
    state.losses.append(loss.item())
    return state.losses[-1]


def train_chunk(state: TrainState, seconds: float = 0.2) -> TrainState:
    """Train until ``seconds`` have passed or the run is over; then hand control back."""
    started = time.perf_counter()
    while not state.done and time.perf_counter() - started < seconds:
        train_step(state)
    state.seconds += time.perf_counter() - started
    return state


@torch.no_grad()
def prediction(state: TrainState) -> dict:
    """What the model does now: for 'char', each next character and a greedy continuation; for
    'sine', its one-step predictions against the true wave."""
    state.model.eval()
    if state.task == "char":
        x, y = _batch(state)
        guess = state.model(x.to(state.device)).argmax(-1)[0].tolist()  # (L-1,)
        text = state.text[0]
        ids = torch.tensor([[state.vocab.index(text)]], device=state.device)
        for _ in range(len(state.text) - 1):  # greedy continuation from the first character
            nxt = state.model(ids)[0, -1].argmax().item()
            ids = torch.cat([ids, torch.tensor([[nxt]], device=state.device)], dim=1)
            text += state.vocab[nxt]
        return {
            "next": "".join(state.vocab[i] for i in guess),
            "truth": state.text[1:],
            "generated": text,
            "accuracy": sum(int(g == t) for g, t in zip(guess, y[0].tolist(), strict=True)) / len(guess),
        }
    t = torch.arange(200.0, 260.0)  # a stretch the training windows rarely start in
    windows = torch.stack([sine(t[i] - WINDOW + torch.arange(WINDOW)) for i in range(len(t))])[..., None]
    predicted = state.model(windows.to(state.device))[:, 0].cpu()  # (60,): each from the 30 values before it
    truth = sine(t)
    return {
        "t": t.tolist(),
        "predicted": predicted.tolist(),
        "truth": truth.tolist(),
        "mse": float(((predicted - truth) ** 2).mean()),
    }


def losses_csv(state: TrainState) -> str:
    """The loss history: one row per optimiser step (0 = the loss before the first update)."""
    return "step,loss\n" + "".join(f"{i},{v:.9g}\n" for i, v in enumerate(state.losses))


def script(task: str, seed: int = 0, text: str = "hello world", steps: int = MAX_STEPS) -> str:
    """A standalone script that trains the demo's model as the page does: the same model classes
    (their source), the same seeded init, optimiser and data; on the CPU it prints the same losses."""
    if task not in TASKS:
        raise ValueError(f"task must be one of {TASKS}, got {task!r}")
    steps = check_steps(steps)
    text = check_train_text(text) if task == "char" else text
    every = max(1, steps // 10)
    name = "character RNN" if task == "char" else "sine-wave LSTM"
    head = [
        f'"""The {name} of the live-training page: the same model, init, data and optimiser."""',
        "",
        *(["import math"] if task == "sine" else []),
        "import torch",
        "from torch import nn",
        "",
        *([f"TEXT = {text!r}"] if task == "char" else []),
        f"SEED = {seed}",
        f"STEPS = {steps}",
        f"HIDDEN = {HIDDEN}",
        f"INIT_RANGE = {INIT_RANGE}",
    ]
    if task == "char":
        model = source(CharModel)
        setup = [
            "vocab = sorted(set(TEXT))",
            "ids = torch.tensor([vocab.index(c) for c in TEXT])  # (L,)",
            "x, y = ids[None, :-1], ids[None, 1:]  # inputs and next-character targets, (1, L-1)",
            "gen = torch.Generator().manual_seed(SEED)",
            "model = CharModel(len(vocab))",
            _INIT,
            "optimizer = torch.optim.Adam(model.parameters(), lr=0.03)",
        ]
        loop = [
            "    out = model(x)  # (1, L-1, vocab)",
            "    loss = nn.functional.cross_entropy(out.reshape(-1, out.shape[-1]), y.reshape(-1))",
        ]
        after = [
            "model.eval()",
            "with torch.no_grad():  # greedy continuation from the first character",
            "    ids = torch.tensor([[vocab.index(TEXT[0])]])",
            "    for _ in range(len(TEXT) - 1):",
            "        nxt = model(ids)[0, -1].argmax().item()",
            "        ids = torch.cat([ids, torch.tensor([[nxt]])], dim=1)",
            'print("generated", repr("".join(vocab[i] for i in ids[0].tolist())))',
        ]
    else:
        head += [f"WINDOW = {WINDOW}", f"SINE_BATCH = {SINE_BATCH}"]
        model = source(SineModel, sine)
        setup = [
            "gen = torch.Generator().manual_seed(SEED)",
            "model = SineModel()",
            _INIT,
            "optimizer = torch.optim.Adam(model.parameters(), lr=0.01)",
        ]
        loop = [
            "    start_t = torch.rand(SINE_BATCH, 1, generator=gen) * 100  # (N, 1): random stretches",
            "    wave = sine(start_t + torch.arange(WINDOW + 1))  # (N, 31)",
            "    x, y = wave[:, :WINDOW, None], wave[:, WINDOW:]  # (N, 30, 1) -> (N, 1)",
            "    loss = nn.functional.mse_loss(model(x), y)",
        ]
        after = [
            "model.eval()",
            "with torch.no_grad():  # one-step predictions on a stretch it rarely trained on",
            "    t = torch.arange(200.0, 260.0)",
            "    windows = torch.stack([sine(t[i] - WINDOW + torch.arange(WINDOW)) for i in range(len(t))])",
            "    predicted = model(windows[..., None])[:, 0]  # (60, 30, 1) -> (60,)",
            'print("mse", ((predicted - sine(t)) ** 2).mean().item())',
        ]
    body = [
        *setup,
        "",
        "for step in range(STEPS):",
        "    model.train()",
        *loop,
        "    optimizer.zero_grad()",
        "    loss.backward()",
        "    optimizer.step()",
        f"    if step % {every} == 0 or step == STEPS - 1:",
        '        print("step", step, "loss", loss.item())',
        "",
        *after,
    ]
    return "\n".join([*head, "", "", model.rstrip(), "", "", *body]) + "\n"


_INIT = """with torch.no_grad():  # weights from U(-INIT_RANGE, INIT_RANGE), drawn from a local generator
    for p in model.parameters():
        p.copy_(torch.empty(p.shape).uniform_(-INIT_RANGE, INIT_RANGE, generator=gen))"""


# --- stateful training and truncated backpropagation through time ------------------------------
#
# The sine LSTM again, now reading N long waves chunk by chunk, k steps at a time, with a head on
# every step (predict each next value). Four ways to treat the state between chunks:
#   reset:  a fresh zero state for every chunk;
#   detach: the state carried to the next chunk, cut from its graph with .detach() (truncated BPTT);
#   carry:  the state carried as it is: the second backward() meets a graph the first one freed;
#   retain: carried with backward(retain_graph=True): it runs, but each backward goes back through
#           every earlier chunk (no optimiser update: an update in place breaks the old graph too).

WAYS = ("reset", "detach", "carry", "retain")
STREAMS = 16  # N: waves read side by side, each a sequence of its own
K_RANGE = (1, 50)  # k: steps per chunk, the length backpropagation goes back (detach)
DEFAULT_K = 5
STATEFUL_STEPS = 150  # optimiser steps for 'reset' and 'detach'
RETAIN_STEPS = 20  # 'retain' grows with every step: a few show the trend and keep it bounded
EPOCH_CHUNKS = 30  # chunks per pass over the waves; a new epoch starts new waves and a zero state
PERIOD = 25.0  # the sine demo's wave


class StreamModel(nn.Module):
    """The sine LSTM with a head on every step: (N, k, 1) -> (N, k, 1), and the state it ends in."""

    def __init__(self, hidden: int = HIDDEN):
        super().__init__()
        self.lstm = nn.LSTM(1, hidden, batch_first=True)
        self.head = nn.Linear(hidden, 1)

    def forward(self, chunk: torch.Tensor, state=None):
        out, state = self.lstm(chunk, state)  # out (N, k, hidden); h, c (1, N, hidden)
        return self.head(out), state  # (N, k, 1): each next value


@dataclass
class StatefulRun:
    """One way of treating the state, trained chunk by chunk; plain data a page keeps per session."""

    way: str
    k: int
    seed: int
    model: StreamModel
    optimizer: torch.optim.Optimizer
    generator: torch.Generator
    steps: int
    state: tuple[torch.Tensor, torch.Tensor] | None = None
    starts: torch.Tensor | None = None  # (N,): where each wave of this epoch begins
    losses: list[float] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)  # per step, wall clock (shown, never judged)
    nodes: list[int] = field(default_factory=list)  # autograd nodes reachable from the step's loss
    span: list[int] = field(default_factory=list)  # chunks the step's backward goes back through
    saved: list[int] = field(default_factory=list)  # bytes autograd keeps for that backward
    error: str = ""  # torch's own message, when backward() refused
    stopped: bool = False
    _chunk_nodes: list = field(default_factory=list)  # each chunk's h_n node: what 'span' looks for
    _chunk_saved: list[int] = field(default_factory=list)

    @property
    def step(self) -> int:
        return len(self.losses)

    @property
    def done(self) -> bool:
        return self.stopped or bool(self.error) or self.step >= self.steps


def check_k(k: object) -> int:
    """k, the steps per chunk: a whole number within K_RANGE.

    Raises:
        ConfigError: naming ``k``, the value and the range (in both languages).
    """
    return check_int("k", k, *K_RANGE)


def stateful_start(way: str, k: int = DEFAULT_K, seed: int = 0) -> StatefulRun:
    """A fresh run of one way; every way starts from the same weights and reads the same waves."""
    if way not in WAYS:
        raise ValueError(f"way must be one of {WAYS}, got {way!r}")
    k = check_k(k)
    check_int("seed", seed, *LIMITS["seed"])
    gen = torch.Generator().manual_seed(seed)
    model = StreamModel()
    _init(model, gen)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    steps = RETAIN_STEPS if way == "retain" else STATEFUL_STEPS
    return StatefulRun(way, k, seed, model, optimizer, gen, steps)


def _chunk(run: StatefulRun) -> tuple[torch.Tensor, torch.Tensor]:
    """The next k steps of every wave and the value after each: (N, k, 1) -> (N, k, 1)."""
    within = run.step % EPOCH_CHUNKS
    if within == 0:  # a new epoch: new waves, so the carried state belongs to nothing any more
        run.starts = torch.rand(STREAMS, generator=run.generator) * 100
        run.state = None
    t = run.starts[:, None] + within * run.k + torch.arange(run.k + 1)  # (N, k+1)
    wave = torch.sin(2 * math.pi * t / PERIOD)
    return wave[:, :-1, None], wave[:, 1:, None]


def _reachable(loss: torch.Tensor) -> set:
    """Every autograd node the loss's backward would visit."""
    seen, stack = set(), [loss.grad_fn]
    while stack:
        node = stack.pop()
        if node is None or node in seen:
            continue
        seen.add(node)
        stack.extend(fn for fn, _ in node.next_functions)
    return seen


def stateful_step(run: StatefulRun) -> None:
    """One chunk: forward from the state this way passes on, backward, and (but for 'retain') update."""
    x, y = _chunk(run)
    state = run.state
    if run.way == "reset":
        state = None  # zeros: the chunk starts knowing nothing of the wave so far
    elif run.way == "detach" and state is not None:
        state = tuple(s.detach() for s in state)  # same numbers, no history: backward stops here
    params = {p.untyped_storage().data_ptr() for p in run.model.parameters()}
    saved = 0

    def pack(tensor: torch.Tensor) -> torch.Tensor:
        nonlocal saved
        if tensor.untyped_storage().data_ptr() not in params:  # the weights are kept once, not per chunk
            saved += tensor.numel() * tensor.element_size()
        return tensor

    started = time.perf_counter()
    with torch.autograd.graph.saved_tensors_hooks(pack, lambda tensor: tensor):
        pred, run.state = run.model(x, state)
        loss = nn.functional.mse_loss(pred, y)
    graph = _reachable(loss)
    run._chunk_nodes.append(run.state[0].grad_fn)
    run._chunk_saved.append(saved)
    earlier = [i for i, node in enumerate(run._chunk_nodes[:-1]) if node in graph]
    run.optimizer.zero_grad()
    try:
        loss.backward(retain_graph=run.way == "retain")
    except RuntimeError as err:  # 'carry': torch refuses the second backward; shown as torch says it
        run.error = str(err)
        return
    if run.way != "retain":
        run.optimizer.step()
    run.seconds.append(time.perf_counter() - started)
    run.losses.append(loss.item())
    run.nodes.append(len(graph))
    run.span.append(1 + len(earlier))
    run.saved.append(saved + sum(run._chunk_saved[i] for i in earlier))


def stateful_chunk(run: StatefulRun, seconds: float = 0.15) -> StatefulRun:
    """Train until ``seconds`` have passed or the run is over; then hand control back."""
    started = time.perf_counter()
    while not run.done and time.perf_counter() - started < seconds:
        stateful_step(run)
    if run.done:  # a page keeps the run for the session: let go of every graph it still holds
        run._chunk_nodes.clear()
        if run.way in ("carry", "retain"):
            run.state = None  # retain's state holds every chunk's saved tensors (30 MB at k = 50)
    return run


@torch.no_grad()
def stateful_eval(run: StatefulRun) -> list[float]:
    """The trained model's squared error at each position 0 … k-1 of a batch, averaged over one epoch
    of new waves read as it was trained (a zero state every batch for 'reset', carried otherwise)."""
    gen = torch.Generator().manual_seed(12345)
    starts = torch.rand(STREAMS, generator=gen) * 100
    state, total = None, torch.zeros(run.k)
    for within in range(EPOCH_CHUNKS):
        t = starts[:, None] + within * run.k + torch.arange(run.k + 1)  # (N, k+1)
        wave = torch.sin(2 * math.pi * t / PERIOD)
        pred, state = run.model(wave[:, :-1, None], None if run.way == "reset" else state)
        total += ((pred[..., 0] - wave[:, 1:]) ** 2).mean(dim=0)  # (k,): one error per position
    return (total / EPOCH_CHUNKS).tolist()


def retain_update_error(seed: int = 0) -> str:
    """torch's message when retain_graph=True meets an optimiser: the update changed, in place, the
    weights the first chunk's graph saved, so the second backward cannot use them ('' if it ran)."""
    run = stateful_start("retain", 1, seed)
    x = torch.zeros(STREAMS, 1, 1)
    state = None
    for _ in range(2):
        pred, state = run.model(x, state)  # carried, never detached
        run.optimizer.zero_grad()
        try:
            nn.functional.mse_loss(pred, x).backward(retain_graph=True)
        except RuntimeError as err:
            return str(err)
        run.optimizer.step()
    return ""


def last_batch_error(full: int = STREAMS, last: int = STREAMS - 4) -> tuple[str, list[int], list[int]]:
    """A state built for a batch of ``full`` meets the last, smaller batch of ``last``: torch's message,
    and the shapes that work (the state sliced to the sequences that go on, or a zero state)."""
    model = StreamModel()
    gen = torch.Generator().manual_seed(0)
    _init(model, gen)
    with torch.no_grad():
        _, state = model(torch.zeros(full, 3, 1))  # h, c (1, full, hidden)
        try:
            model(torch.zeros(last, 3, 1), state)
            error = ""
        except RuntimeError as err:
            error = str(err)
        sliced = tuple(s[:, :last] for s in state)  # (1, last, hidden): the same sequences, continued
        _, fixed = model(torch.zeros(last, 3, 1), sliced)
    return error, list(state[0].shape), list(fixed[0].shape)


def stateful_csv(runs: dict[str, StatefulRun]) -> str:
    """Every way's steps: loss, seconds, autograd nodes, chunks spanned and bytes kept for backward."""
    lines = ["way,step,loss,seconds,nodes,chunks_spanned,saved_bytes"]
    for way, run in runs.items():
        for i in range(run.step):
            row = (run.losses[i], run.seconds[i], run.nodes[i], run.span[i], run.saved[i])
            lines.append(f"{way},{i + 1}," + ",".join(f"{v:.9g}" for v in row))
    return "\n".join(lines) + "\n"
