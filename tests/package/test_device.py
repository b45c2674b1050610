"""get_device: the one place that probes hardware."""

import pytest
import torch

from llmscratch import describe_device, get_device


def test_auto_picks_an_available_device():
    device = get_device()
    # Invariant: cuda wins when present, otherwise we end up on mps or cpu.
    if torch.cuda.is_available():
        assert device.type == "cuda"
    else:
        assert device.type in ("mps", "cpu")
    # Invariant: the device really works for a small computation.
    assert (torch.ones(2, device=device) * 2).sum().item() == 4


def test_forcing_cpu_and_auto():
    assert get_device("cpu") == torch.device("cpu")
    assert get_device("auto") == get_device()


@pytest.mark.skipif(torch.cuda.is_available(), reason="needs a machine without CUDA")
def test_unavailable_cuda_is_a_clear_error():
    # Invariant: asking for a missing GPU fails early with what to do instead.
    with pytest.raises(RuntimeError, match="--device cpu"):
        get_device("cuda")


def test_describe_device_words():
    text, warnings = describe_device("cpu")
    assert text.startswith("cpu (") and isinstance(warnings, list)


@pytest.mark.gpu
def test_gpu_device_computes():
    device = get_device()
    assert device.type in ("cuda", "mps")
    x = torch.randn(64, 64, device=device)
    torch.testing.assert_close((x @ x).cpu(), x.cpu() @ x.cpu(), rtol=1e-3, atol=1e-3)
