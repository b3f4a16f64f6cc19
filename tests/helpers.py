"""Shared by the test modules: the flag sweep at tiny sizes and hypothesis strategies."""

import itertools

from hypothesis import strategies as st

from explainer import RNNConfig


@st.composite
def configs(draw, max_hidden: int = 12, max_layers: int = 3) -> RNNConfig:
    mode = draw(st.sampled_from(["RNN", "LSTM", "GRU"]))
    hidden = draw(st.integers(1, max_hidden))
    return RNNConfig(
        mode=mode,
        input_size=draw(st.integers(1, 12)),
        hidden_size=hidden,
        num_layers=draw(st.integers(1, max_layers)),
        bidirectional=draw(st.booleans()),
        batch_first=draw(st.booleans()),
        bias=draw(st.booleans()),
        nonlinearity=draw(st.sampled_from(["tanh", "relu"])) if mode == "RNN" else "tanh",
        dropout=draw(st.sampled_from([0.0, 0.25, 1.0])),
        proj_size=draw(st.integers(0, hidden - 1)) if mode == "LSTM" else 0,
    )


batch_sizes = st.one_of(st.none(), st.integers(1, 6))
seq_lens = st.integers(1, 7)


def flag_sweep():
    """torch's own common_modules pattern: every flag combination at tiny sizes.

    Yields (config kwargs, batch_size or None). Sizes are distinct so a swapped axis shows.
    """
    for mode, bias, batch_first, bidirectional, batched, num_layers in itertools.product(
        ("RNN", "LSTM", "GRU"), (True, False), (False, True), (False, True), (True, False), (1, 2)
    ):
        extras = [{}]
        if mode == "RNN":
            extras = [{"nonlinearity": "tanh"}, {"nonlinearity": "relu"}]
        if mode == "LSTM":
            extras = [{"proj_size": 0}, {"proj_size": 3}]
        for extra in extras:
            cfg = RNNConfig(
                mode,
                input_size=2,
                hidden_size=4,
                num_layers=num_layers,
                bias=bias,
                batch_first=batch_first,
                bidirectional=bidirectional,
                **extra,
            )
            yield cfg, (3 if batched else None)


def cfg_id(cfg: RNNConfig) -> str:
    """A config as its flags, for test ids: "LSTM-i2-h4-l2-bi-bf-p3" (the repr is 200 characters)."""
    flags = [cfg.mode, f"i{cfg.input_size}", f"h{cfg.hidden_size}", f"l{cfg.num_layers}"]
    flags += ["bi"] * cfg.bidirectional + ["bf"] * cfg.batch_first + ["nobias"] * (not cfg.bias)
    flags += ["relu"] * (cfg.nonlinearity == "relu") + [f"p{cfg.proj_size}"] * bool(cfg.proj_size)
    flags += [f"drop{cfg.dropout:g}"] * bool(cfg.dropout)
    return "-".join(flags)


def case_id(case: tuple[RNNConfig, int | None]) -> str:
    """A flag_sweep case (config, batch size or None) as a test id."""
    cfg, batch = case
    return f"{cfg_id(cfg)}-N{batch}"


SEQ_LEN = 5


def loaded_here(*names: str) -> list[str]:
    """Which of these modules this process has imported (run in a debugger worker by test_isolate;
    this module imports neither Streamlit nor the UI, so it adds none of them by being unpickled)."""
    import sys

    return [name for name in names if name in sys.modules]
