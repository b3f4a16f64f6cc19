"""Two tiny models from the seed articles, trained live in small bounded steps.

- 'char': the character RNN that learns to continue "hello world" (nn.Embedding -> nn.RNN -> nn.Linear).
- 'sine': the LSTM that predicts the next value of a sine wave from the previous 30.

Training state is plain data a page keeps per session; ``train_chunk`` runs for a fixed slice of
time and returns, so a page can draw between slices and other sessions get the interpreter.
"""

from __future__ import annotations

import inspect
import math
import time
from dataclasses import dataclass, field

import torch
from torch import nn

from explainer.config import LIMITS, ConfigError, check_int
from explainer.inputs import MAX_TEXT, check_text

TASKS = ("char", "sine")
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
        model = inspect.getsource(CharModel)
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
        model = inspect.getsource(SineModel) + "\n\n" + inspect.getsource(sine)
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
