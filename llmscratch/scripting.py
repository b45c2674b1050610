"""What every script shares: presets, checked arguments, run folders, clean errors (a tool module).

The chapter scripts (``ch05_pretraining/train_gpt.py``, ``ch06_classification/classify.py``, ...)
and ``python -m llmscratch`` build on this module so that they all behave the same way:

- ``TINY_GPT_CONFIG``: the one tiny GPT that every ``--quick`` run uses;
- ``add_run_args`` / ``apply_presets`` / ``preset_help`` / ``PresetHelpFormatter``:
  ``--device``, ``--out``, ``--overwrite``, ``--debug``, ``--fast``, and the one ``--quick``
  mechanism (a flag the user gave is never overridden);
- argparse types that refuse bad values before any work: ``positive_int``, ``nonnegative_int``,
  ``positive_float``, ``nonnegative_float``, ``probability``, ``temperature``, ``existing_file``,
  ``nonempty_text``, ``device_choice``;
- ``prepare_run_dir``: the run-folder rule (never replace another run's results unasked);
  ``read_text_files``, ``check_adamw_settings``, ``check_resume_settings``, ``resume_command``
  for training scripts;
- ``load_gpt_from_checkpoint``: a GPT and its stored config from a checkpoint;
- ``run_script``: the entry wrapper that turns the library's own errors into one plain line;
- ``check_finite_loss``, ``check_distributed_env``, ``install_signal_handlers``: training stops
  that explain themselves (NaN loss, leftover torchrun variables, Ctrl-C and SIGTERM).

It may import any teaching module, never ``llmscratch.fast`` (scripts import that themselves).
It is longer than our usual 400 lines on purpose: it is the one place every script's shared
behaviour lives, so that a script imports it from one module and they cannot drift apart.
Tests: ``python -m pytest tests/package/test_scripting.py tests/package/test_script_errors.py``.
"""

from __future__ import annotations

import argparse
import datetime
import math
import os
import re
import signal
import sys
import traceback
from pathlib import Path

TINY_GPT_CONFIG = {
    "vocab_size": 50257,  # GPT-2's vocabulary, so real text and the GPT-2 tokenizer work
    "context_length": 32,  # short windows: a few thousand per book chapter of text
    "emb_dim": 64,  # narrow token vectors: the model is mostly its two embedding tables
    "n_heads": 4,  # 64 / 4 = 16 dimensions per head
    "n_layers": 2,  # two blocks: enough to see every code path
    "drop_rate": 0.1,  # the book's dropout, so training and eval modes differ as in the book
    "qkv_bias": False,  # the book's default for models trained from scratch
}

_ROOT = Path(__file__).resolve().parents[1]  # the project folder (scripts and llmscratch/)


class ScriptError(Exception):
    """A clean refusal from a script: ``run_script`` prints its message, never a traceback."""


# --- arguments --------------------------------------------------------------------------------


def add_run_args(parser, *, out_default=None, fast=True, device=True):
    """Add the flags every script shares: ``--device``, ``--out``, ``--overwrite``, ``--debug``.

    ``--device`` defaults to "auto" (cuda > mps > cpu, see ``get_device``). ``--out`` is added
    when ``out_default`` is given, e.g. "runs/ch05": its argparse default stays None so that
    ``apply_presets`` can choose "runs/ch05" for a full run and "runs/ch05-quick" for
    ``--quick`` (a quick run replaces the previous quick run there). ``--fast`` (GPTModelFast)
    is added when ``fast`` is True.
    """
    if device:
        parser.add_argument("--device", default="auto", type=device_choice,
                            help="cpu, cuda, cuda:1, mps, or auto: cuda > mps > cpu "
                                 "(default %(default)s)")
    if out_default is not None:
        parser.add_argument("--out", default=None,
                            help=f"folder for the run's results (default {out_default}; with "
                                 f"--quick {out_default}-quick, which each quick run replaces)")
        parser.add_argument("--overwrite", action="store_true",
                            help="replace the results of an earlier run in --out")
        parser.set_defaults(out_default=out_default)
    parser.add_argument("--debug", action="store_true",
                        help="show Python tracebacks for errors (also: LLMSCRATCH_DEBUG=1)")
    if fast:
        parser.add_argument("--fast", action="store_true",
                            help="use GPTModelFast: the same weights and checkpoints, faster "
                                 "kernels (see benchmarks/README.md)")
    return parser


def apply_presets(args, quick, full):
    """Fill every option left at None from ``quick`` (with ``--quick``) or ``full``.

    A value the user gave on the command line is never replaced. With ``add_run_args``'s
    ``--out`` unset, the run folder becomes ``out_default`` (full) or ``out_default + "-quick"``
    with ``--overwrite`` implied (quick runs are throwaway smoke tests, so the README's
    ``train_gpt.py --quick`` works twice in a row). Returns ``args``.
    Example: ``apply_presets(args, {"lr": 3e-3}, {"lr": 4e-4})`` with ``--quick --lr 1e-3``
    keeps 1e-3.
    """
    is_quick = bool(getattr(args, "quick", False))
    for key, value in (quick if is_quick else full).items():
        if getattr(args, key, None) is None:
            setattr(args, key, value)
    if getattr(args, "out", "") is None and getattr(args, "out_default", None):
        args.out = args.out_default + ("-quick" if is_quick else "")
        args.overwrite = args.overwrite or is_quick
    return args


class PresetHelpFormatter(argparse.ArgumentDefaultsHelpFormatter):
    """``--help`` shows every default except None: a None default is a preset, whose help text
    (``preset_help``) already names the full-run and ``--quick`` values."""

    def _get_help_string(self, action):
        return action.help if action.default is None else super()._get_help_string(action)


def preset_help(name, quick, full):
    """``"(default 10, --quick 1)"``: the help text of an option filled by ``apply_presets``."""
    shown = ["none" if d.get(name) is None else d.get(name) for d in (full, quick)]
    return f"(default {shown[0]}, --quick {shown[1]})"


def _number(text, kind):
    try:
        return kind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not {'an integer' if kind is int else 'a number'}") from None


_DEVICE_NAME = re.compile(r"(auto|cpu|mps|cuda)(:\d+)?")


def device_choice(text):
    """A device name ``get_device`` understands: auto, cpu, mps, cuda or cuda:N.

    Only the spelling is checked here (argparse's one-line error); whether the device exists is
    ``get_device``'s question, asked when the script starts.
    """
    name = text.strip().lower()
    match = _DEVICE_NAME.fullmatch(name)
    if not match or (match.group(2) and match.group(1) == "auto"):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a device: use auto, cpu, cuda, cuda:N (N = GPU number) or mps")
    return name


def positive_int(text):
    """An int >= 1 (counts: epochs, batch size, steps); else argparse's clean error."""
    value = _number(text, int)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} must be at least 1")
    return value


def nonnegative_int(text):
    """An int >= 0 (0 usually means "off", e.g. --save-every 0)."""
    value = _number(text, int)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} must be 0 or more")
    return value


def positive_float(text):
    """A finite number > 0 (learning rates, timeouts); refuses nan and inf."""
    value = _number(text, float)
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{value} must be a finite number above 0")
    return value


def nonnegative_float(text):
    """A finite number >= 0 (weight decay, gradient clipping); refuses nan and inf."""
    value = _number(text, float)
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"{value} must be a finite number, 0 or more")
    return value


def probability(text):
    """A number with 0 <= p < 1 (dropout rate, a data split); 1.0 would drop or take all."""
    value = _number(text, float)
    if not 0 <= value < 1:  # also False for nan
        raise argparse.ArgumentTypeError(f"{value} must be at least 0 and below 1")
    return value


def temperature(text):
    """A finite temperature >= 0 (0 = greedy); nan would silently become greedy decoding."""
    value = _number(text, float)
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"{value} must be a finite number, 0 (greedy) or more")
    return value


def nonempty_text(text):
    """Text with something besides spaces in it (a prompt); an empty prompt has no token to
    continue from."""
    if not text.strip():
        raise argparse.ArgumentTypeError("is empty: give some text, e.g. 'Every effort moves you'")
    return text


def existing_file(text):
    """A path to an existing file (not a folder), as a ``Path``."""
    path = Path(text)
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{text} is a folder, not a file")
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"{text}: no such file")
    return path


# --- run folders ------------------------------------------------------------------------------


def prepare_run_dir(out, *, overwrite=False, resume=None, results=("metrics.json",),
                    flag="--out", resumable=True):
    """Check the run folder ``out`` before any work; return it as a ``Path`` (not created).

    ``results`` are the file names (or glob patterns such as ``"rank*_weights.pt"``) a run
    writes there. The one rule: when ``out`` already holds some of them, the run is refused
    with a ``ScriptError`` naming the files and the three choices (``--overwrite``, another
    ``--out``, ``--resume``); with ``overwrite=True`` they are deleted first, so no stale
    ``loss.png`` survives; with a ``resume`` checkpoint inside ``out`` the run continues there.
    An ``out`` that is a file, or lies under a file or an unwritable folder, is refused.
    ``flag`` is the option's name in messages; ``resumable=False`` leaves ``--resume`` out of
    the choices for scripts that cannot resume.
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ScriptError(f"{flag} {out} is a file, not a folder: choose a folder name, "
                          f"e.g. {flag} {out.with_suffix('')}-run")
    parent = next((p for p in [out, *out.parents] if p.exists()), Path("."))
    if not parent.is_dir():
        raise ScriptError(f"{flag} {out} cannot be created: {parent} is a file")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ScriptError(f"{flag} {out} cannot be created: no permission to write in {parent}")
    found = sorted({p for pattern in results for p in out.glob(pattern)}) if out.is_dir() else []
    continuing = resume is not None and Path(resume).resolve().parent == out.resolve()
    if found and not continuing:
        if not overwrite:
            names = ", ".join(p.name for p in found[:6])
            choices = (f"Add --overwrite to replace them, choose another {flag}, or continue "
                       "that run with --resume" if resumable else
                       f"Add --overwrite to replace them, or choose another {flag}")
            raise ScriptError(f"{out} already holds another run's results ({names}); nothing "
                              f"was changed. {choices}")
        for path in found:
            path.unlink()
    return out


def read_text_files(paths, *, default_asset="the-verdict", sep="<|endoftext|>"):
    """One string from UTF-8 text files and folders of ``*.txt`` (sorted), ``sep`` between.

    With no ``paths``, the text of ``default_asset`` (found or downloaded by
    ``get_asset_path``). A missing path, a folder without ``.txt`` files, a binary or
    non-UTF-8 file raise ``ScriptError``/``ValueError`` naming the file (and the line).
    """
    from llmscratch.assets import get_asset_path
    from llmscratch.classification import read_utf8_text

    if not paths:
        return get_asset_path(default_asset).read_text(encoding="utf-8")
    files = []
    for path in map(Path, paths):
        if not path.exists():
            raise ScriptError(f"{path}: no such file or folder")
        files += sorted(path.rglob("*.txt")) if path.is_dir() else [path]
    if not files:
        raise ScriptError(f"no .txt files in {' '.join(map(str, paths))}")
    return sep.join(read_utf8_text(f, "UTF-8 text") for f in files)


def check_adamw_settings(lr, weight_decay, book_lr):
    """Refuse a learning rate and weight decay whose product is 1 or more.

    AdamW multiplies every weight by ``1 - lr * weight_decay`` at each step, so such a pair
    flips or zeroes all weights on the first step. ``book_lr`` (text, e.g. "5e-5") is the
    learning rate the message suggests.
    """
    if lr * weight_decay >= 1:
        raise ScriptError(f"--lr {lr:g} with --weight-decay {weight_decay:g} would flip or zero "
                          "every weight at each step (lr x weight decay must be below 1); "
                          f"the book uses --lr {book_lr}")


def check_resume_settings(path, saved, args, keys):
    """Raise ``ScriptError`` naming every setting in ``keys`` where ``args`` differs from
    ``saved`` (the ``vars(args)`` stored in the checkpoint at ``path``); keys it lacks pass.

    Example message: "--resume runs/a/checkpoint.pt was trained with other settings:
    --batch-size 4 (this command: 8). Resume with the checkpoint's settings, or ..."
    A ``saved`` that is not a dict means another program wrote the checkpoint.
    """
    if not isinstance(saved, dict):
        raise ScriptError(f"--resume {path} was not written by this script (it stores no "
                          "settings): give the checkpoint of a run of this script, or leave "
                          "out --resume")
    differ = [f"--{k.replace('_', '-')} {saved[k]} (this command: {getattr(args, k)})"
              for k in keys if k in saved and saved[k] != getattr(args, k)]
    if differ:
        raise ScriptError(f"--resume {path} was trained with other settings: "
                          f"{'; '.join(differ)}. Resume with the checkpoint's settings, or "
                          "start a new run in another --out")


def resume_command(script, argv, checkpoint, world_size=1):
    """The command that continues this run: ``argv`` without its ``--resume``, plus one.

    ``resume_command("ch05_pretraining/train_gpt.py", ["--quick"], "runs/a/checkpoint.pt")``
    gives ``"python ch05_pretraining/train_gpt.py --quick --resume runs/a/checkpoint.pt"``.
    """
    import shlex

    kept = [a for a, before in zip(argv, ["", *argv])
            if "--resume" not in (a, before) and not a.startswith("--resume=")]
    launch = ["python"] if world_size == 1 else ["torchrun", f"--nproc_per_node={world_size}"]
    return shlex.join([*launch, str(script), *kept, "--resume", str(checkpoint)])


# --- checkpoints ------------------------------------------------------------------------------


def load_gpt_from_checkpoint(path, device="cpu"):
    """Rebuild a GPT from a checkpoint that stores its config; returns ``(model, cfg, data)``.

    Reads what ``train_gpt.py`` and ``finetune_instructions.py`` save (``extra["config"]``).
    The model is in eval mode on ``device``; ``data`` is ``load_checkpoint``'s dict. A
    classifier checkpoint, a file without a stored config, or one whose tensors do not fit
    the config raises ``CheckpointError`` that says what the file is and what to use instead.
    """
    from llmscratch.checkpoints import CheckpointError, load_checkpoint
    from llmscratch.model import GPTModel, validate_config

    data = load_checkpoint(path, map_location="cpu", restore_rng=False)
    extra = data["extra"] if isinstance(data["extra"], dict) else {}
    if "classifier" in extra:
        raise CheckpointError(
            f"{path} is a classifier checkpoint (finetune_classifier.py wrote it): it predicts "
            "classes, not tokens. Use it with ch06_classification/classify.py; to generate "
            "text give a checkpoint from train_gpt.py or finetune_instructions.py")
    cfg = extra.get("config")
    if cfg is None:
        raise CheckpointError(
            f"{path} stores no GPT config, so it was not written by train_gpt.py or "
            "finetune_instructions.py. In Python: build GPTModel(cfg) with the config it was "
            "trained with and call load_checkpoint(path, model)")
    try:
        validate_config(cfg)
    except ValueError as err:
        raise CheckpointError(
            f"{path} holds no usable GPT config ({err}); it was not written by train_gpt.py or "
            "finetune_instructions.py. In Python: build GPTModel(cfg) and call "
            "load_checkpoint(path, model)") from None
    model = GPTModel(cfg)
    load_checkpoint(path, model, map_location="cpu", restore_rng=False)  # shape-checked
    return model.to(device).eval(), dict(cfg), data


# --- training stops ---------------------------------------------------------------------------


def check_finite_loss(loss, step, checkpoint_hint=None, fixes="a lower --lr"):
    """Raise ``ScriptError`` when ``loss`` (a tensor or number) is NaN or infinite.

    ``checkpoint_hint`` is the last good checkpoint's path (kept as it was) or None; ``fixes``
    names what to try, in the calling script's own flags. Call it
    before ``backward()`` so nothing NaN reaches the weights or a checkpoint. Example message:
    "the training loss became nan at step 12; stopped before saving it. The last good
    checkpoint runs/a/checkpoint.pt is kept. Try a lower --lr".
    """
    value = float(loss.detach()) if hasattr(loss, "detach") else float(loss)
    if math.isfinite(value):
        return value
    if checkpoint_hint is not None and Path(checkpoint_hint).is_file():
        kept = f"The last good checkpoint {checkpoint_hint} is kept."
    else:
        kept = "No checkpoint was written."
    raise ScriptError(f"the training loss became {value} at step {step}; stopped before saving "
                      f"it. {kept} Try {fixes} and check the data")


def check_distributed_env(environ=None):
    """None for a plain single process; for a torchrun process, the rendezvous timeout.

    ``RANK``/``WORLD_SIZE`` left in a shell (after ``export``-ing them once) would make torch
    wait 30 minutes for partners that never come; here they raise a ``ScriptError`` instead,
    unless a launcher set them too (torchrun sets ``LOCAL_RANK``, ``MASTER_ADDR``,
    ``MASTER_PORT`` and ``TORCHELASTIC_RUN_ID``). The timeout is 60 s
    (``LLMSCRATCH_DIST_TIMEOUT`` seconds when set).
    """
    env = os.environ if environ is None else environ
    given = [k for k in ("RANK", "WORLD_SIZE") if k in env]
    if not given:
        return None
    launcher = ("LOCAL_RANK", "MASTER_ADDR", "MASTER_PORT")
    missing = [k for k in ("RANK", "WORLD_SIZE", *launcher) if k not in env]
    if missing:
        shown = " and ".join(f"{k}={env[k]}" for k in given)
        raise ScriptError(
            f"{shown} {'is' if len(given) == 1 else 'are'} set in the environment, but no "
            f"launcher started this process ({', '.join(missing)} missing): probably left over "
            f"in your shell. Run `unset RANK WORLD_SIZE` for one process, or start several "
            f"with `torchrun --nproc_per_node=2 SCRIPT ...`")
    seconds = float(env.get("LLMSCRATCH_DIST_TIMEOUT", 60))
    return datetime.timedelta(seconds=seconds)


def join_process_group(device_type="cpu"):
    """``(rank, world_size, local_rank)``: join torchrun's process group, or ``(0, 1, 0)``.

    ``check_distributed_env`` first (no silent wait for leftover variables), then
    ``init_distributed`` with its short timeout; partners that do not arrive in time give a
    ``ScriptError`` instead of a hang.
    """
    from llmscratch.pytorch_basics import init_distributed

    timeout = check_distributed_env()
    if timeout is None:
        return 0, 1, 0
    try:
        return init_distributed(device_type, timeout=timeout)
    except (RuntimeError, TimeoutError) as err:
        if "timeout" not in str(err).lower() and "timed out" not in str(err).lower():
            raise
        raise ScriptError(
            f"not all {os.environ['WORLD_SIZE']} processes joined within "
            f"{timeout.total_seconds():g} s (MASTER_ADDR={os.environ['MASTER_ADDR']}, "
            f"MASTER_PORT={os.environ['MASTER_PORT']}): start every rank with torchrun, or "
            "raise LLMSCRATCH_DIST_TIMEOUT (seconds) for slow starts") from None


class Interrupted(KeyboardInterrupt):
    """Raised by the SIGTERM handler so that SIGTERM unwinds like Ctrl-C (cleanup runs)."""


class _RunState:
    """What the interrupt message needs: the last checkpoint and how to resume from it."""

    checkpoint = None
    resume_command = None


_RUN = _RunState()  # one per process, like the signal handlers themselves


def install_signal_handlers(checkpoint=None, resume_command=None):
    """Let SIGTERM unwind like Ctrl-C and remember what to say when either arrives.

    ``checkpoint`` is the file the run saves to (it may not exist yet); ``resume_command`` the
    command that continues it, e.g. ``"python ch05_pretraining/train_gpt.py --out runs/a
    --resume runs/a/checkpoint.pt"``. On SIGINT or SIGTERM, ``run_script`` prints one line
    naming the checkpoint and that command and exits 130; temporary files are removed by the
    ``finally`` blocks the unwinding runs (``save_checkpoint``'s among them).
    Call it again with new values at any time; only the main thread can install handlers.
    """
    _RUN.checkpoint = None if checkpoint is None else Path(checkpoint)
    _RUN.resume_command = resume_command

    def on_sigterm(signum, frame):
        raise Interrupted("SIGTERM")

    if hasattr(signal, "SIGTERM"):
        try:
            signal.signal(signal.SIGTERM, on_sigterm)
        except ValueError:  # not the main thread: keep the default behaviour
            pass


def _interrupt_message(err):
    what = "SIGTERM" if isinstance(err, Interrupted) else "Ctrl-C"
    ckpt = _RUN.checkpoint
    if ckpt is not None and ckpt.is_file():
        line = f"stopped by {what}; the last checkpoint is {ckpt}"
        if _RUN.resume_command:
            line += f". Continue with: {_RUN.resume_command}"
        return line
    if ckpt is not None:
        return (f"stopped by {what} before the first checkpoint was saved; nothing to resume "
                "(--save-every N saves during training)")
    return f"stopped by {what}"


# --- the entry wrapper ------------------------------------------------------------------------


def _raised_by_us(err):
    """True when a ``raise`` statement in this project's code raised ``err``.

    Errors from inside torch or numpy (their Python code, or C code called from ours) are
    bugs to show with their traceback, not messages for the learner.
    """
    frames = traceback.extract_tb(err.__traceback__)
    if not frames:
        return False
    where = Path(frames[-1].filename).resolve()
    ours = where.is_relative_to(_ROOT) and not {"site-packages", ".venv"} & set(where.parts)
    return ours and (frames[-1].line or "").startswith("raise")


def _clean_message(err):
    """The one-line message for an expected error, or None for a genuine bug."""
    from llmscratch.assets import AssetError
    from llmscratch.checkpoints import CheckpointError

    if isinstance(err, (ScriptError, CheckpointError, AssetError)):
        return str(err)
    if isinstance(err, UnicodeDecodeError):
        return (f"a file is not UTF-8 text (byte 0x{err.object[err.start]:02x} at position "
                f"{err.start}); save it as UTF-8")
    if isinstance(err, OSError) and err.errno is not None:
        name = f": {err.filename}" if err.filename else ""
        return f"{(err.strerror or str(err)).lower()}{name}"
    if type(err).__name__ == "JSONDecodeError":
        return f"not valid JSON: {err}"
    if isinstance(err, (ValueError, RuntimeError)) and _raised_by_us(err):
        return str(err)
    return None


def run_script(main, argv=None):
    """Run ``main(argv)`` as a script's ``__main__`` does; return what it returns.

    Expected errors (``ScriptError``, ``CheckpointError``, ``AssetError``, missing or
    unreadable files, non-UTF-8 text, bad JSON, and ``ValueError``/``RuntimeError`` raised by
    this project's own checks) print ``error: <message>`` on stderr and raise
    ``SystemExit(2)``; Ctrl-C and SIGTERM print one line (with the ``--resume`` command when a
    checkpoint exists) and raise ``SystemExit(130)``. With ``--debug`` in ``argv`` or
    ``LLMSCRATCH_DEBUG=1`` the traceback is printed too. Any other exception is a bug and
    propagates with its traceback. Use: ``if __name__ == "__main__": run_script(main)``.
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    debug = "--debug" in argv or os.environ.get("LLMSCRATCH_DEBUG", "") not in ("", "0")
    previous = signal.getsignal(signal.SIGTERM) if hasattr(signal, "SIGTERM") else None
    _RUN.checkpoint = _RUN.resume_command = None  # nothing left from an earlier main() call
    try:
        return main(argv)
    except KeyboardInterrupt as err:
        if debug:
            traceback.print_exc()
        print(_interrupt_message(err), file=sys.stderr)
        raise SystemExit(130) from None
    except Exception as err:
        message = _clean_message(err)
        if message is None:
            raise
        if debug:
            traceback.print_exc()
        print(f"error: {message}", file=sys.stderr)
        raise SystemExit(2) from None
    finally:
        _RUN.checkpoint = _RUN.resume_command = None
        if previous is not None:
            try:
                signal.signal(signal.SIGTERM, previous)
            except ValueError:
                pass
