"""TF32 emulated on the CPU: the rounding is TF32's, and the CUDA tolerance covers what it does."""

import pytest
import torch
from helpers import configs
from hypothesis import given, settings
from hypothesis import strategies as st

import explainer as ex
from explainer import inputs
from explainer.setting import Setting
from explainer.tf32 import EmulatedTF32, tf32_gap, tf32_truncate
from explainer.verify import CUDA_TF32_TOLERANCE, TOLERANCE, fan_in_factor, rounding_corners, value_scale


def test_truncation_keeps_ten_mantissa_bits():
    x = torch.randn(10_000, dtype=torch.float32) * 10.0 ** torch.randint(-20, 20, (10_000,))
    r = tf32_truncate(x)
    assert torch.all(r.view(torch.int32) & 0x1FFF == 0)  # the 13 low bits cleared
    assert torch.all(r.abs() <= x.abs()) and torch.all(torch.sign(r) == torch.sign(x))
    assert torch.all((x - r).abs() < x.abs() * 2.0**-10)  # within one TF32 ulp, toward zero
    exact = torch.tensor([1.0, -1.5, 0.25, 1 + 2.0**-10, 0.0, float("inf")])
    assert torch.equal(tf32_truncate(exact), exact)  # already TF32: unchanged
    assert tf32_truncate(torch.tensor([1 + 2.0**-11])).item() == 1.0  # one bit too fine: dropped
    assert torch.isnan(tf32_truncate(torch.tensor([float("nan")]))).all()
    f64 = torch.randn(5, dtype=torch.float64)
    assert tf32_truncate(f64) is f64  # TF32 only replaces float32


def test_the_mode_rounds_every_matmul_and_nothing_else():
    gen = torch.Generator().manual_seed(0)
    a, b = torch.randn(6, 9, generator=gen), torch.randn(9, 4, generator=gen)
    expected = tf32_truncate(a) @ tf32_truncate(b)
    with EmulatedTF32():
        results = [a @ b, torch.matmul(a, b), a.matmul(b), torch.mm(a, b), torch.nn.functional.linear(a, b.T)]
        pointwise = torch.tanh(a)
    for r in results:
        assert torch.allclose(r, expected, rtol=0, atol=1e-6)
    assert not torch.allclose(a @ b, expected, rtol=0, atol=1e-6)  # TF32 really moved the result
    assert torch.equal(pointwise, torch.tanh(a))


@settings(max_examples=40, deadline=None)
@given(
    cfg=configs(max_hidden=6),
    seq_len=st.integers(1, 6),
    batch=st.one_of(st.none(), st.integers(1, 3)),
    source=st.sampled_from(["random", "sine"]),
)
def test_tf32_moves_the_numbers_within_the_cuda_tolerance(cfg, seq_len, batch, source):
    module = ex.build_module(cfg, 0, "cpu")
    x = inputs.make_input(Setting(cfg, seq_len, batch, source, seed=0)).x
    with torch.no_grad():
        exact = ex.trace(module, x)
    gap = tf32_gap(cfg, seq_len, batch, source=source)
    scale = value_scale(exact.h, exact.c) * fan_in_factor(module)
    assert gap <= CUDA_TF32_TOLERANCE * scale / 3  # a margin of 3 over the emulated rounding


@pytest.mark.parametrize(("cfg", "seq_len", "batch", "source"), rounding_corners())
def test_the_cuda_tolerance_covers_the_worst_emulated_settings(cfg, seq_len, batch, source):
    """Measured worst: 2.2e-3 of the scale (an 8-layer bidirectional RNN), against 1e-2."""
    module = ex.build_module(cfg, 0, "cpu")
    x = inputs.make_input(Setting(cfg, seq_len, batch, source, seed=0)).x
    with torch.no_grad():
        exact = ex.trace(module, x)
    gap = tf32_gap(cfg, seq_len, batch, source=source)
    assert TOLERANCE[("cpu", torch.float32)] < gap  # TF32 is coarser than float32's rounding here
    assert gap <= CUDA_TF32_TOLERANCE * value_scale(exact.h, exact.c) * fan_in_factor(module) / 3
