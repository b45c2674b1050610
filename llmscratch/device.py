"""Pick the device to compute on: CUDA, then Apple MPS, then the CPU.

Used by every chapter (book: Appendix A.9 introduces devices). This is the one place in
llmscratch that probes the hardware, and it only does so when called, never at import time.

    >>> from llmscratch import get_device
    >>> get_device()            # e.g. device(type='cpu') on a laptop without a GPU
    >>> get_device("cpu")       # force a device; every script's --device flag ends up here

MPS caveat: PyTorch releases before 2.9 give wrong numbers for some operations on Apple GPUs,
so ``get_device`` prefers the CPU there and ``describe_device`` says why.
"""

from __future__ import annotations

_MPS_MIN_TORCH = (2, 9)


def _torch_version() -> tuple[int, int]:
    import torch

    major, minor = torch.__version__.split("+")[0].split(".")[:2]
    return int(major), int(minor)


def _mps_available() -> bool:
    import torch

    backend = getattr(torch.backends, "mps", None)
    return bool(backend is not None and backend.is_available())


def get_device(prefer: str | None = None):
    """Return a ``torch.device``: ``prefer`` when given, else cuda > mps > cpu.

    ``prefer`` accepts anything ``torch.device`` does ("cpu", "cuda", "cuda:1", "mps") and "auto"
    (same as None). Asking for a device that is not available raises ``RuntimeError`` with what
    to use instead, rather than failing later inside a matrix product.

    MPS is picked automatically only with torch >= 2.9 (older releases compute some operations
    wrongly on Apple GPUs); ``get_device("mps")`` still forces it.
    """
    import torch

    if prefer is not None and str(prefer) != "auto":
        device = torch.device(prefer)
        if device.type == "cuda" and not torch.cuda.is_available():
            raise RuntimeError(
                f"--device {prefer} was asked for, but PyTorch sees no CUDA GPU here "
                f"(torch {torch.__version__}). Use --device cpu, or install a CUDA build of torch."
            )
        if device.type == "cuda" and device.index is not None:
            if device.index >= torch.cuda.device_count():
                raise RuntimeError(
                    f"--device {prefer}: only {torch.cuda.device_count()} CUDA device(s) exist."
                )
        if device.type == "mps" and not _mps_available():
            raise RuntimeError(
                f"--device {prefer} was asked for, but MPS is not available "
                "(it needs an Apple-silicon Mac and a macOS build of torch). Use --device cpu."
            )
        return device
    if torch.cuda.is_available():
        return torch.device("cuda")
    if _mps_available() and _torch_version() >= _MPS_MIN_TORCH:
        return torch.device("mps")
    return torch.device("cpu")


def describe_device(device=None) -> tuple[str, list[str]]:
    """Describe ``device`` (default: ``get_device()``) in words, with a list of caveats.

    Returns ``(description, warnings)``, for example
    ``("cpu (2 threads)", [])`` or ``("cuda: NVIDIA H100 80GB HBM3", [])``.
    """
    import torch

    device = get_device() if device is None else torch.device(device)
    warnings: list[str] = []
    if device.type == "cuda":
        text = f"cuda: {torch.cuda.get_device_name(device)}"
    elif device.type == "mps":
        text = "mps (Apple GPU)"
    else:
        text = f"cpu ({torch.get_num_threads()} threads)"
    if _mps_available() and _torch_version() < _MPS_MIN_TORCH:
        warnings.append(
            f"MPS is present but torch {torch.__version__} is older than 2.9, whose MPS kernels "
            "give wrong numbers for some operations; we use the CPU. Upgrade torch to use MPS "
            "(pip install -U torch)."
        )
    return text, warnings
