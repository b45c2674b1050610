"""Tests of ``llmscratch.scripting``: presets, argument types, run folders, the entry wrapper.

Each behaviour is checked by a ``check_*`` function that the real implementation passes and a
plausible wrong one (a kept mutant, defined next to it) fails, so the checks can fail.
The signal tests run one small subprocess each, since a real signal is the point there.
"""

from __future__ import annotations

import argparse
import os
import pickle
import signal
import subprocess
import sys
import textwrap
import time
import traceback
from pathlib import Path

import pytest
import torch

from llmscratch import GPTModel, save_checkpoint, save_classifier, scripting
from llmscratch.checkpoints import CheckpointError, load_checkpoint
from llmscratch.model import validate_config

ROOT = Path(__file__).resolve().parents[2]
QUICK = {"lr": 3e-3, "epochs": 1}
FULL = {"lr": 4e-4, "epochs": 10}


def test_tiny_config_is_a_valid_gpt_with_gpt2_vocabulary():
    cfg = scripting.TINY_GPT_CONFIG
    validate_config(cfg)
    # Invariant: real text encodes with GPT-2's tokenizer, and the model stays tiny.
    assert cfg["vocab_size"] == 50257 and cfg["context_length"] == 32
    assert (cfg["emb_dim"], cfg["n_heads"], cfg["n_layers"]) == (64, 4, 2)


# --- presets ----------------------------------------------------------------------------------


def parser_for_presets():
    p = argparse.ArgumentParser()
    p.add_argument("--quick", action="store_true")
    p.add_argument("--lr", type=float, default=None)
    p.add_argument("--epochs", type=int, default=None)
    scripting.add_run_args(p, out_default="runs/chX")
    return p


def check_apply_presets(apply):
    p = parser_for_presets()
    args = apply(p.parse_args(["--quick", "--lr", "1e-3"]), QUICK, FULL)
    # Invariant: a flag the user gave survives --quick; the others come from the quick preset.
    assert (args.lr, args.epochs) == (1e-3, 1)
    # Invariant: a quick run writes its own folder and replaces the previous quick run there.
    assert (args.out, args.overwrite) == ("runs/chX-quick", True)
    args = apply(p.parse_args(["--epochs", "2"]), QUICK, FULL)
    assert (args.lr, args.epochs, args.out, args.overwrite) == (4e-4, 2, "runs/chX", False)
    args = apply(p.parse_args(["--quick", "--out", "mine"]), QUICK, FULL)
    # Invariant: an --out the user named is protected even with --quick.
    assert (args.out, args.overwrite) == ("mine", False)


def test_apply_presets():
    check_apply_presets(scripting.apply_presets)


def _presets_override_everything(args, quick, full):  # mutant: the old finetune --quick bug
    for key, value in (quick if args.quick else full).items():
        setattr(args, key, value)
    return scripting.apply_presets(args, quick, full)


def test_mutant_presets_overriding_user_flags_fail():
    with pytest.raises(AssertionError):
        check_apply_presets(_presets_override_everything)


def test_preset_help_and_run_args_help():
    assert scripting.preset_help("lr", QUICK, FULL) == "(default 0.0004, --quick 0.003)"
    text = parser_for_presets().format_help()
    for flag in ("--device", "--out", "--overwrite", "--debug", "--fast", "runs/chX-quick"):
        assert flag in text
    assert parser_for_presets().parse_args([]).device == "auto"


# --- argument types ---------------------------------------------------------------------------

TYPE_CASES = [  # (type, text, accepted value or None when refused)
    ("positive_int", "3", 3), ("positive_int", "0", None), ("positive_int", "-5", None),
    ("positive_int", "2.5", None), ("nonnegative_int", "0", 0), ("nonnegative_int", "-1", None),
    ("positive_float", "1e-3", 1e-3), ("positive_float", "0", None),
    ("positive_float", "nan", None), ("positive_float", "inf", None),
    ("nonnegative_float", "0", 0.0), ("nonnegative_float", "-0.1", None),
    ("nonnegative_float", "nan", None), ("probability", "0.1", 0.1), ("probability", "0", 0.0),
    ("probability", "1", None), ("probability", "1.5", None), ("probability", "nan", None),
    ("temperature", "0", 0.0), ("temperature", "1.4", 1.4), ("temperature", "nan", None),
    ("temperature", "-1", None), ("temperature", "inf", None), ("temperature", "hot", None),
]


def check_types(get):
    for name, text, expected in TYPE_CASES:
        if expected is None:
            with pytest.raises(argparse.ArgumentTypeError):
                get(name)(text)
        else:
            assert get(name)(text) == expected, (name, text)


def test_argument_types():
    check_types(lambda name: getattr(scripting, name))


def test_mutant_plain_float_temperature_fails():
    with pytest.raises(pytest.fail.Exception):  # nan is accepted: "DID NOT RAISE"
        check_types(lambda name: float if name == "temperature" else getattr(scripting, name))


def test_existing_file(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    assert scripting.existing_file(str(tmp_path / "a.txt")) == tmp_path / "a.txt"
    with pytest.raises(argparse.ArgumentTypeError, match="no such file"):
        scripting.existing_file(str(tmp_path / "b.txt"))
    with pytest.raises(argparse.ArgumentTypeError, match="is a folder"):
        scripting.existing_file(str(tmp_path))


# --- run folders ------------------------------------------------------------------------------


def check_prepare_run_dir(prepare, tmp_path):
    run = tmp_path / "run"
    results = ("metrics.json", "checkpoint.pt", "loss.png")
    # Invariant: a fresh folder is accepted but not created (a failing run writes nothing).
    assert prepare(run, results=results) == run and not run.exists()
    run.mkdir()
    (run / "metrics.json").write_text("{}")
    (run / "loss.png").write_text("old plot")
    (run / "notes.txt").write_text("mine")
    with pytest.raises(scripting.ScriptError) as refused:
        prepare(run, results=results)
    for words in ("loss.png", "metrics.json", "--overwrite", "--out", "--resume"):
        assert words in str(refused.value)
    assert (run / "metrics.json").exists()  # refused: nothing touched
    # Invariant: resuming a checkpoint of this folder continues it.
    prepare(run, results=results, resume=run / "checkpoint.pt")
    assert (run / "loss.png").exists()
    # Invariant: --overwrite removes the old results (no stale loss.png), not other files.
    prepare(run, overwrite=True, results=results)
    assert sorted(p.name for p in run.iterdir()) == ["notes.txt"]
    with pytest.raises(scripting.ScriptError, match="is a file"):
        prepare(run / "notes.txt", results=results)
    with pytest.raises(scripting.ScriptError, match="cannot be created"):
        prepare(run / "notes.txt" / "sub", results=results)


def test_prepare_run_dir(tmp_path):
    check_prepare_run_dir(scripting.prepare_run_dir, tmp_path)


def _prepare_without_refusal(out, *, overwrite=False, resume=None, results=()):  # mutant
    return scripting.prepare_run_dir(out, overwrite=True, resume=resume, results=results)


def test_mutant_run_dir_that_replaces_silently_fails(tmp_path):
    with pytest.raises(pytest.fail.Exception):
        check_prepare_run_dir(_prepare_without_refusal, tmp_path)


def test_prepare_run_dir_glob_results(tmp_path):
    (tmp_path / "rank0_weights.pt").write_text("x")
    with pytest.raises(scripting.ScriptError, match="rank0_weights.pt"):
        scripting.prepare_run_dir(tmp_path, results=("rank*_weights.pt",))


# --- checkpoints ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tiny_cfg():
    return {**scripting.TINY_GPT_CONFIG, "emb_dim": 16, "n_heads": 2, "n_layers": 1,
            "vocab_size": 64, "context_length": 8}


def test_load_gpt_from_checkpoint(tmp_path, tiny_cfg):
    torch.manual_seed(0)
    model = GPTModel(tiny_cfg)
    save_checkpoint(tmp_path / "gpt.pt", model, extra={"config": tiny_cfg})
    loaded, cfg, data = scripting.load_gpt_from_checkpoint(tmp_path / "gpt.pt")
    assert cfg == tiny_cfg and not loaded.training
    x = torch.tensor([[1, 2, 3]])
    model.eval()
    assert torch.equal(loaded(x), model(x))  # the same weights, not just the same shape

    save_checkpoint(tmp_path / "bare.pt", model)
    with pytest.raises(CheckpointError, match="stores no GPT config"):
        scripting.load_gpt_from_checkpoint(tmp_path / "bare.pt")
    model.out_head = torch.nn.Linear(tiny_cfg["emb_dim"], 2)
    save_classifier(tmp_path / "cls.pt", model, tiny_cfg)
    with pytest.raises(CheckpointError, match="classifier checkpoint.*classify.py"):
        scripting.load_gpt_from_checkpoint(tmp_path / "cls.pt")


class _Evil:
    def __reduce__(self):
        return (os.system, ("echo should never run",))


def test_checkpoint_refusal_never_suggests_unsafe_loading(tmp_path):
    (tmp_path / "evil.pt").write_bytes(pickle.dumps({"model_state_dict": _Evil()}))
    with pytest.raises(CheckpointError) as refused:
        load_checkpoint(tmp_path / "evil.pt")
    message = str(refused.value)
    assert "not a checkpoint this project wrote" in message and "unsafe" in message
    assert "weights_only=False" not in message and "likely succeed" not in message


def test_stale_temporaries_of_dead_processes_are_removed(tmp_path, tiny_cfg):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = tmp_path / f".checkpoint.pt.tmp{dead}"
    alive = tmp_path / f".checkpoint.pt.tmp{os.getppid()}"  # a running process: not ours
    stale.write_bytes(b"half a checkpoint")
    alive.write_bytes(b"another run saving right now")
    save_checkpoint(tmp_path / "checkpoint.pt", GPTModel(tiny_cfg))
    assert not stale.exists() and alive.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [alive.name, "checkpoint.pt"]


# --- training stops ---------------------------------------------------------------------------


def test_check_finite_loss(tmp_path):
    assert scripting.check_finite_loss(torch.tensor(2.5), step=3) == 2.5
    (tmp_path / "checkpoint.pt").write_text("x")
    with pytest.raises(scripting.ScriptError, match=r"nan at step 12.*checkpoint.pt is kept"):
        scripting.check_finite_loss(torch.tensor(float("nan")), 12, tmp_path / "checkpoint.pt")
    with pytest.raises(scripting.ScriptError, match="inf at step 1.*No checkpoint"):
        scripting.check_finite_loss(float("inf"), 1, tmp_path / "none.pt")
    # the hint names only flags the calling script has: ch06/ch07 have no --grad-clip
    with pytest.raises(scripting.ScriptError) as plain:
        scripting.check_finite_loss(float("nan"), 2)
    assert "--lr" in str(plain.value) and "--grad-clip" not in str(plain.value)
    with pytest.raises(scripting.ScriptError, match=r"Try a lower --lr \(or --grad-clip 1.0\)"):
        scripting.check_finite_loss(float("nan"), 2, fixes="a lower --lr (or --grad-clip 1.0)")


def test_device_choice_takes_device_names_and_refuses_typos():
    for name in ("auto", "cpu", "CUDA", "cuda:1", "mps"):
        assert scripting.device_choice(name) == name.lower()
    for typo in ("banana", "gpu", "cuda:", "cuda:x", "auto:0", ""):
        with pytest.raises(argparse.ArgumentTypeError, match="is not a device"):
            scripting.device_choice(typo)


def test_check_adamw_settings():
    scripting.check_adamw_settings(5e-5, 0.1, book_lr="5e-5")
    with pytest.raises(scripting.ScriptError, match="must be below 1.*--lr 5e-5"):
        scripting.check_adamw_settings(10, 0.1, book_lr="5e-5")


LAUNCHED = {"RANK": "1", "WORLD_SIZE": "2", "LOCAL_RANK": "1", "MASTER_ADDR": "localhost",
            "MASTER_PORT": "29500"}


def test_check_distributed_env():
    assert scripting.check_distributed_env({}) is None
    assert scripting.check_distributed_env(LAUNCHED).total_seconds() == 60
    env = {**LAUNCHED, "LLMSCRATCH_DIST_TIMEOUT": "5"}
    assert scripting.check_distributed_env(env).total_seconds() == 5
    for left_over in ({"RANK": "1", "WORLD_SIZE": "2"}, {"WORLD_SIZE": "2"},
                      {k: v for k, v in LAUNCHED.items() if k != "MASTER_ADDR"}):
        with pytest.raises(scripting.ScriptError, match="unset RANK WORLD_SIZE.*torchrun"):
            scripting.check_distributed_env(left_over)


# --- the entry wrapper ------------------------------------------------------------------------


def _raise(err):
    def main(argv):
        raise err
    return main


def run(wrapper, main, argv, capsys):
    try:
        result = wrapper(main, argv)
        code = 0
    except SystemExit as stop:
        result, code = None, stop.code
    out, err = capsys.readouterr()
    return code, result, err


def check_wrapper(wrapper, capsys, tmp_path):
    # Invariant: a script's answer comes back unchanged.
    assert run(wrapper, lambda argv: {"argv": argv}, ["--x"], capsys)[:2] == (0, {"argv": ["--x"]})
    clean = [scripting.ScriptError("--epochs 0 makes no step"),
             CheckpointError("x.pt is not a checkpoint"),
             FileNotFoundError(2, "No such file or directory", "data.txt"),
             PermissionError(13, "Permission denied", "/root/run")]
    for err in clean:
        code, _, message = run(wrapper, _raise(err), [], capsys)
        # Invariant: a predictable error is one plain line, exit 2, naming the file or flag.
        assert code == 2 and message.startswith("error: ") and "Traceback" not in message
        assert str(getattr(err, "filename", None) or err).split()[0] in message
    # Invariant: genuine bugs keep their traceback (propagate).
    with pytest.raises(ZeroDivisionError):
        wrapper(lambda argv: 1 / 0, [])
    with pytest.raises(RuntimeError):  # raised inside torch, not by our checks
        wrapper(lambda argv: torch.ones(2) @ torch.ones(3), [])
    # Invariant: --debug shows the traceback of a clean error, with the same exit code.
    code, _, message = run(wrapper, _raise(scripting.ScriptError("boom")), ["--debug"], capsys)
    assert code == 2 and "Traceback" in message and "error: boom" in message
    # Invariant: Ctrl-C is exit 130 with the resume command when a checkpoint exists.
    (tmp_path / "checkpoint.pt").write_text("x")

    def interrupted(argv):
        scripting.install_signal_handlers(tmp_path / "checkpoint.pt", "python t.py --resume c")
        raise KeyboardInterrupt

    code, _, message = run(wrapper, interrupted, [], capsys)
    assert code == 130 and "Traceback" not in message
    assert "Ctrl-C" in message and "Continue with: python t.py --resume c" in message


def test_run_script(capsys, monkeypatch, tmp_path):
    monkeypatch.delenv("LLMSCRATCH_DEBUG", raising=False)
    check_wrapper(scripting.run_script, capsys, tmp_path)


def test_run_script_debug_variable(capsys, monkeypatch):
    monkeypatch.setenv("LLMSCRATCH_DEBUG", "1")
    code, _, message = run(scripting.run_script, _raise(scripting.ScriptError("boom")), [],
                           capsys)
    assert code == 2 and "Traceback" in message


def _wrapper_catching_everything(main, argv=None):  # mutant: hides genuine bugs as well
    try:
        return main(argv)
    except Exception as err:
        print(f"error: {err}", file=sys.stderr)
        raise SystemExit(2) from None


def _wrapper_without_interrupt(main, argv=None):  # mutant: Ctrl-C shows a traceback
    def inner(args):
        try:
            return main(args)
        except KeyboardInterrupt:
            traceback.print_exc()
            raise SystemExit(1) from None

    return scripting.run_script(inner, argv)


@pytest.mark.parametrize("mutant", [_wrapper_catching_everything, _wrapper_without_interrupt])
def test_mutant_wrappers_fail(mutant, capsys, monkeypatch, tmp_path):
    monkeypatch.delenv("LLMSCRATCH_DEBUG", raising=False)
    with pytest.raises((AssertionError, pytest.fail.Exception, SystemExit)):
        check_wrapper(mutant, capsys, tmp_path)


# --- signals (subprocesses: a real signal is the point) ---------------------------------------

SLEEPER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from llmscratch import scripting

    def main(argv):
        out = Path(argv[0])
        scripting.install_signal_handlers(out / "checkpoint.pt",
                                          f"python run.py --resume {out}/checkpoint.pt")
        if argv[1] == "saved":
            (out / "checkpoint.pt").write_text("x")
        tmp = out / ".checkpoint.pt.tmp1"
        try:
            tmp.write_text("half")
            print("ready", flush=True)
            time.sleep(60)
        finally:
            tmp.unlink()

    scripting.run_script(main)
""")


@pytest.mark.parametrize("sig, name", [(signal.SIGTERM, "SIGTERM"), (signal.SIGINT, "Ctrl-C")])
def test_signal_stops_with_resume_command_and_cleans_up(tmp_path, sig, name):
    script = tmp_path / "run.py"
    script.write_text(SLEEPER)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("LLMSCRATCH_DEBUG", None)
    proc = subprocess.Popen([sys.executable, str(script), str(tmp_path), "saved"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    # Invariant: one line naming the checkpoint and the --resume command; exit 130.
    assert proc.returncode == 130 and "Traceback" not in err, err
    assert f"stopped by {name}" in err and f"--resume {tmp_path}/checkpoint.pt" in err
    # Invariant: temporary files are removed on the way out.
    assert not (tmp_path / ".checkpoint.pt.tmp1").exists()


def test_signal_before_first_checkpoint_says_nothing_to_resume(tmp_path):
    script = tmp_path / "run.py"
    script.write_text(SLEEPER)
    proc = subprocess.Popen([sys.executable, str(script), str(tmp_path), "none"],
                            env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(0.1)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "nothing to resume" in err, err
