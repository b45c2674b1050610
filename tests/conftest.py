"""Shared fixtures and settings for the whole test suite.

Environment (set here, at import, so that notebook kernels and subprocesses inherit it):
- ``LLMSCRATCH_DATA_DIR`` defaults to ``../shared/data`` beside the checkout (the offline copies of
  the data sets) and ``TIKTOKEN_CACHE_DIR`` to ``../shared/tiktoken_cache``, when unset;
- ``LLMSCRATCH_CACHE_DIR`` points at a fresh temporary folder, so tests never write into (or
  read from) a learner's real cache;
- ``MPLBACKEND=Agg``: plots render without a display.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_SHARED = ROOT.parent / "shared"

if (_SHARED / "data").is_dir():
    os.environ.setdefault("LLMSCRATCH_DATA_DIR", str(_SHARED / "data"))
if (_SHARED / "tiktoken_cache").is_dir():
    os.environ.setdefault("TIKTOKEN_CACHE_DIR", str(_SHARED / "tiktoken_cache"))
os.environ["LLMSCRATCH_CACHE_DIR"] = tempfile.mkdtemp(prefix="llmscratch-test-cache-")
os.environ["MPLBACKEND"] = "Agg"


def pytest_addoption(parser):
    parser.addoption(
        "--exercises",
        choices=["solutions", "learner"],
        default="solutions",
        help="run the exercise checks against solutions/ (default) or the learner's exercises/",
    )


def pytest_collection_modifyitems(config, items):
    import torch

    has_gpu = torch.cuda.is_available() or (
        getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available()
    )
    if has_gpu:
        return
    skip_gpu = pytest.mark.skip(reason="needs a CUDA or MPS device")
    for item in items:
        if "gpu" in item.keywords:
            item.add_marker(skip_gpu)


@pytest.fixture
def tiny_cfg() -> dict:
    """A GPT config small enough for unit tests: 2 layers of 32 dims, context 16."""
    return {
        "vocab_size": 50257,  # GPT-2's tokenizer, so real text can be fed
        "context_length": 16,  # short: keeps attention matrices tiny
        "emb_dim": 32,  # 4 heads x 8 dims
        "n_heads": 4,
        "n_layers": 2,
        "drop_rate": 0.0,  # deterministic unless a test turns dropout on
        "qkv_bias": False,
    }


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The folder with the offline data sets (``LLMSCRATCH_DATA_DIR``)."""
    value = os.environ.get("LLMSCRATCH_DATA_DIR")
    if not value or not Path(value).is_dir():
        pytest.skip("no offline data folder: set LLMSCRATCH_DATA_DIR (see ../shared/data)")
    return Path(value)


@pytest.fixture
def seed() -> int:
    """Seed torch, numpy and random with the book's favourite seed, 123, and return it."""
    import random

    import numpy as np
    import torch

    random.seed(123)
    np.random.seed(123)
    torch.manual_seed(123)
    return 123


@pytest.fixture
def one_thread():
    """Run a test with one torch intra-op thread, restoring the setting afterwards.

    Tiny models gain nothing from threads, and on a small shared CPU OpenMP threads waiting on
    each other cost more than they gain (a tiny training run took 35-49 s with 2 threads and
    6 s with 1 on a loaded 2-core machine). Use it with
    ``pytestmark = pytest.mark.usefixtures("one_thread")``.
    """
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture
def repo_root() -> Path:
    """The checkout's root folder."""
    return ROOT
