"""Checkpoints: save a training run and load it back safely (chapter 5).

- ``save_checkpoint`` / ``load_checkpoint`` (Book §5.4, extended): model, optimizer, step and
  every random-number-generator state (``get_rng_state`` / ``set_rng_state``) in one file, so a
  resumed run continues exactly as an uninterrupted one would. The keys ``model_state_dict`` and
  ``optimizer_state_dict`` are the book's, and files saved by the book's code load too.
- Chapter 6's ``save_classifier`` / ``load_classifier`` (in ``llmscratch.classification``)
  build on these two.

How it differs from the book: files are written to a temporary name and renamed when complete,
loaded with ``torch.load(weights_only=True)`` (never an arbitrary pickle), and a damaged file or
a model of the wrong shape raises ``CheckpointError`` with what to do.

Run it: ``python ch05_pretraining/train_gpt.py --quick --out runs/a`` saves
``runs/a/checkpoint.pt``; adding ``--resume runs/a/checkpoint.pt`` continues that run.
"""

from __future__ import annotations

import os
import random
import warnings
from pathlib import Path

import numpy as np
import torch

CHECKPOINT_FORMAT = "llmscratch-checkpoint-1"


class CheckpointError(ValueError):
    """A checkpoint file cannot be read, or does not fit the model it is loaded into."""


def get_rng_state():
    """Every random-number-generator state a training run uses, in a weights_only-safe dict."""
    np_state = np.random.get_state()
    state = {
        "torch": torch.get_rng_state(),
        "numpy": {"keys": torch.from_numpy(np_state[1].astype(np.int64)),
                  "pos": int(np_state[2]), "has_gauss": int(np_state[3]),
                  "cached_gaussian": float(np_state[4])},
        "python": [random.getstate()[0], list(random.getstate()[1]), random.getstate()[2]],
    }
    if torch.cuda.is_available() and torch.cuda.is_initialized():
        state["cuda"] = torch.cuda.get_rng_state_all()
    return state


def set_rng_state(state):
    """Restore what ``get_rng_state`` returned."""
    torch.set_rng_state(state["torch"])
    np_state = state["numpy"]
    np.random.set_state(("MT19937", np_state["keys"].numpy().astype(np.uint32), np_state["pos"],
                         np_state["has_gauss"], np_state["cached_gaussian"]))
    version, internal, gauss = state["python"]
    random.setstate((version, tuple(internal), gauss))
    if "cuda" in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda"])


def _unwrap(model):
    """The plain module inside DistributedDataParallel and/or torch.compile wrappers."""
    model = getattr(model, "module", model)
    return getattr(model, "_orig_mod", model)


def save_checkpoint(path, model, optimizer=None, step=0, extra=None):
    """Save model, optimizer, step, RNG states and ``extra`` (plain Python data) to ``path``.

    The keys ``model_state_dict`` and ``optimizer_state_dict`` are the book's, so the book's
    loading code reads these files too. The file is written under a temporary name and then
    renamed, so an interrupted save never leaves a half-written checkpoint behind; temporary files
    of runs killed during a save are removed here.
    Example: ``save_checkpoint("out/ckpt.pt", model, optimizer, step=100, extra={"cfg": cfg})``.

    Book: §5.4; notebook: ch05_pretraining/ch05.ipynb
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "format": CHECKPOINT_FORMAT,
        "model_state_dict": _unwrap(model).state_dict(),
        "optimizer_state_dict": None if optimizer is None else optimizer.state_dict(),
        "step": int(step),
        "rng_state": get_rng_state(),
        "extra": {} if extra is None else extra,
    }
    _remove_stale_temporaries(path)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        torch.save(payload, tmp)
        os.replace(tmp, path)  # atomic on the same file system
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _unreadable_message(path, err):
    """Why ``torch.load(path, weights_only=True)`` refused, without torch's unsafe advice."""
    size = f"{path.stat().st_size:,} bytes"
    if "weights only" in str(err).lower() or "weights_only" in str(err):
        return (f"{path} ({size}) is not a checkpoint this project wrote: it holds Python "
                "objects beyond tensors and plain data, which may be unsafe to load, so we "
                "refuse it. Use a checkpoint saved by save_checkpoint (train_gpt.py, "
                "finetune_classifier.py, finetune_instructions.py) or by the book's "
                "torch.save(model.state_dict(), path)")
    return (f"cannot read {path} ({size}): it is truncated or corrupt, or not a checkpoint "
            f"this project wrote ({type(err).__name__}). Use an earlier checkpoint or save it "
            "again")


def _remove_stale_temporaries(path):
    """Delete ``.NAME.tmp<PID>`` files next to ``path`` whose process no longer runs.

    A run killed during a save (SIGKILL, a power cut) leaves its temporary file behind; at
    124M parameters with AdamW state that is about 1.5 GB, so the next save cleans it up.
    """
    for tmp in path.parent.glob(f".{path.name}.tmp*"):
        pid = tmp.name.rsplit(".tmp", 1)[1]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)  # signal 0: only asks whether the process exists
        except ProcessLookupError:
            tmp.unlink(missing_ok=True)
        except (PermissionError, OSError):
            pass  # alive under another user, or unknown: leave it


def _check_fits(model, state_dict, path):
    """Raise CheckpointError naming every missing, unexpected or wrongly shaped tensor."""
    own = model.state_dict()
    problems = [f"{k}: model {tuple(own[k].shape)}, checkpoint {tuple(v.shape)}"
                for k, v in state_dict.items() if k in own and own[k].shape != v.shape]
    missing = [k for k in own if k not in state_dict]
    unexpected = [k for k in state_dict if k not in own]
    if problems or missing or unexpected:
        lines = [f"shape mismatch: {p}" for p in problems[:5]]
        lines += [f"missing in checkpoint: {', '.join(missing[:5])}"] if missing else []
        lines += [f"not in model: {', '.join(unexpected[:5])}"] if unexpected else []
        raise CheckpointError(f"checkpoint {path} does not fit this model:\n  "
                              + "\n  ".join(lines)
                              + "\nBuild the model with the config the checkpoint was saved "
                                "with (train_gpt.py stores it under extra['config']).")


def load_checkpoint(path, model=None, optimizer=None, map_location="cpu", restore_rng=True):
    """Load a checkpoint into ``model``/``optimizer`` (each optional) and return its contents.

    Returns a dict with ``model_state_dict``, ``optimizer_state_dict``, ``step``, ``extra`` and
    ``rng_state``. RNG states are restored when ``restore_rng`` is True, so that dropout and
    shuffling continue as in the uninterrupted run. Also reads the book's files: a
    ``{"model_state_dict", "optimizer_state_dict"}`` dict or a bare ``model.state_dict()``.
    Raises ``FileNotFoundError``, or ``CheckpointError`` for a truncated or corrupt file, for a
    file holding Python objects that ``weights_only=True`` refuses (not ours, possibly unsafe),
    and for a checkpoint whose tensors do not fit ``model`` (naming the tensor and both shapes).

    Book: §5.4; notebook: ch05_pretraining/ch05.ipynb
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no checkpoint at {path}: check the path, or train one with "
                                "ch05_pretraining/train_gpt.py --save-every N")
    try:
        with warnings.catch_warnings():  # a foreign pickle's protocol warning is noise here
            warnings.filterwarnings("ignore", message=".*pickle protocol", category=UserWarning)
            data = torch.load(path, map_location=map_location, weights_only=True)
    except Exception as err:  # zip, pickle and EOF errors: not a file we can read safely
        raise CheckpointError(_unreadable_message(path, err)) from None
    if isinstance(data, dict) and "model_state_dict" not in data and data and all(
            isinstance(v, torch.Tensor) for v in data.values()):
        data = {"model_state_dict": data}  # the book's torch.save(model.state_dict(), ...)
    if not isinstance(data, dict) or "model_state_dict" not in data:
        raise CheckpointError(f"{path} is not a model checkpoint (no 'model_state_dict' key)")
    data.setdefault("optimizer_state_dict", None)
    data.setdefault("step", 0)
    data.setdefault("extra", {})
    data.setdefault("rng_state", None)
    if model is not None:
        _check_fits(_unwrap(model), data["model_state_dict"], path)
        _unwrap(model).load_state_dict(data["model_state_dict"])
    if optimizer is not None:
        if data["optimizer_state_dict"] is None:
            raise CheckpointError(f"{path} holds no optimizer state; load it without an "
                                  "optimizer and build a fresh one")
        kernels = [{k: g[k] for k in ("fused", "foreach") if k in g}
                   for g in optimizer.param_groups]
        optimizer.load_state_dict(data["optimizer_state_dict"])
        for group, kernel in zip(optimizer.param_groups, kernels):
            group.update(kernel)  # keep this optimizer's kernel choice, not the saver's
    if restore_rng and data["rng_state"] is not None:
        set_rng_state(data["rng_state"])
    return data
