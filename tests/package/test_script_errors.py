"""Hostile and careless inputs to the chapter 2, 5 and appendix A scripts and the CLI.

Each row runs a script in-process through ``run_script(main, argv)``, as ``python script.py``
would, and asserts the exit code, that no traceback reached the learner, and the key words of
the message; a refused run must leave every file as it was. Rows stop before training, or
after a step or two, so the table takes seconds. The files rows need (bad text, a train_gpt
checkpoint, a classifier, a malicious pickle) are made once per module.
``tests/package/test_script_errors_ch06_ch07.py`` holds the rows of the chapter 6 and 7
scripts. The last tests keep mutants: a wrapper that lets tracebacks through, argument types
that accept anything, and a run folder check that never refuses must each fail the table.
"""

from __future__ import annotations

import importlib.util
import os
import pickle
import sys
import traceback
from pathlib import Path

import pytest
import torch

from llmscratch import cli, scripting

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = {
    "train_gpt": ROOT / "ch05_pretraining" / "train_gpt.py",
    "generate_text": ROOT / "ch05_pretraining" / "generate_text.py",
    "tokenize_text": ROOT / "ch02_tokenizing" / "tokenize_text.py",
    "ddp_train": ROOT / "appendix_a_pytorch" / "ddp_train.py",
}
_LOADED = {}


def load_script(name):
    if name == "cli":
        return cli
    if name not in _LOADED:
        spec = importlib.util.spec_from_file_location(f"_errors_{name}", SCRIPTS[name])
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        _LOADED[name] = module
    return _LOADED[name]


class _Evil:
    def __reduce__(self):
        return (os.system, ("echo this must never run",))


T = ["--quick", "--no-progress", "--no-plot", "--device", "cpu"]  # train_gpt rows stay tiny
SMALL = ["--emb-dim", "32", "--context-length", "16", "--eval-freq", "1", "--eval-iter", "1",
         "--sample-tokens", "2", "--max-steps", "2"]
G = ["--quick", "--device", "cpu", "--no-stream"]
LEFTOVER = {"RANK": "1", "WORLD_SIZE": "2"}


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """The files rows refer to as {f} in their arguments."""
    from llmscratch import GPTModel, save_checkpoint, save_classifier

    folder = tmp_path_factory.mktemp("hostile")
    cfg = {**scripting.TINY_GPT_CONFIG, "emb_dim": 16, "n_heads": 2, "n_layers": 1}
    torch.manual_seed(0)
    save_checkpoint(folder / "bare.pt", GPTModel(cfg))  # weights without a stored config
    classifier = GPTModel(cfg)
    classifier.out_head = torch.nn.Linear(cfg["emb_dim"], 2)
    save_classifier(folder / "classifier.pt", classifier, cfg, max_length=8)
    load_script("train_gpt").main([*T, *SMALL, "--out", str(folder / "resumable")])
    contents = {
        "garbage.pt": b"this is not a checkpoint",
        "evil.pt": pickle.dumps({"model_state_dict": _Evil()}),
        "binary.bin": bytes(range(256)) * 4,
        "latin1.txt": "caf\u00e9 au lait\n".encode("latin-1"),
        "short.txt": b"too short",
        "empty.txt": b"",
        "bad_bpe.json": b'{"merges": [1, 2',
        "a_file": b"I am a file, not a folder",
    }
    for name, content in contents.items():
        (folder / name).write_bytes(content)
    for sub in ("a_folder", "no_texts", "old_run", "old_ddp"):
        (folder / sub).mkdir()
    (folder / "old_run" / "metrics.json").write_text("{}")
    (folder / "old_ddp" / "rank0_metrics.json").write_text("{}")
    (folder / "cache_file").write_text("a file where a folder should be")
    return folder


RESUME = ["--out", "{f}/resumable", "--resume", "{f}/resumable/checkpoint.pt"]
CACHE_IS_A_FILE = {"LLMSCRATCH_CACHE_DIR": "{f}/cache_file"}

# (id, script, arguments ({f} is the files folder), exit code, key words, environment)
ROWS = [
    # ch05_pretraining/train_gpt.py: flags
    ("train-epochs-0", "train_gpt", [*T, "--epochs", "0"], 2, ["--epochs", "at least 1"]),
    ("train-epochs-negative", "train_gpt", [*T, "--epochs", "-3"], 2, ["--epochs"]),
    ("train-lr-nan", "train_gpt", [*T, "--lr", "nan"], 2, ["--lr", "finite"]),
    ("train-lr-0", "train_gpt", [*T, "--lr", "0"], 2, ["--lr", "above 0"]),
    ("train-eval-freq-0", "train_gpt", [*T, "--eval-freq", "0"], 2, ["--eval-freq"]),
    ("train-batch-0", "train_gpt", [*T, "--batch-size", "0"], 2, ["--batch-size"]),
    ("train-drop-rate-1.5", "train_gpt", [*T, "--drop-rate", "1.5"], 2, ["--drop-rate"]),
    ("train-ratio-1", "train_gpt", [*T, "--train-ratio", "1"], 2, ["--train-ratio"]),
    ("train-save-every-negative", "train_gpt", [*T, "--save-every", "-1"], 2, ["--save-every"]),
    ("train-grad-clip-nan", "train_gpt", [*T, "--grad-clip", "nan"], 2, ["--grad-clip"]),
    ("train-context-0", "train_gpt", [*T, "--context-length", "0"], 2, ["--context-length"]),
    ("train-heads-do-not-divide", "train_gpt", [*T, "--emb-dim", "30"], 2,
     ["--emb-dim", "divisible by 'n_heads'"]),
    ("train-unknown-size", "train_gpt", [*T, "--model-size", "2B"], 2, ["unknown GPT-2 size"]),
    ("train-no-such-device", "train_gpt", [*T, "--device", "cuda:7"], 2, ["--device cuda:7"]),
    ("train-decay-flips-weights", "train_gpt", [*T, "--lr", "2", "--weight-decay", "0.5"], 2,
     ["lr x weight decay must be below 1", "--lr 4e-4"]),
    ("train-empty-start-context", "train_gpt", [*T, "--start-context", " "], 2,
     ["--start-context", "is empty"]),
    ("gen-device-misspelt", "generate_text", [*G, "--device", "banana"], 2,
     ["'banana' is not a device", "cuda:N"]),
    # train_gpt.py: data
    ("train-data-missing", "train_gpt", [*T, "--data", "{f}/nowhere.txt"], 2,
     ["nowhere.txt", "no such file"]),
    ("train-data-binary", "train_gpt", [*T, "--data", "{f}/binary.bin"], 2,
     ["binary.bin", "binary file", "UTF-8"]),
    ("train-data-latin1", "train_gpt", [*T, "--data", "{f}/latin1.txt"], 2,
     ["latin1.txt, line 1", "byte 0xe9", "UTF-8"]),
    ("train-data-no-txt", "train_gpt", [*T, "--data", "{f}/no_texts"], 2,
     ["no_texts", "no .txt files"]),
    ("train-data-too-short", "train_gpt", [*T, "--data", "{f}/short.txt"], 2,
     ["training part of the text is too short"]),
    ("train-batch-larger-than-data", "train_gpt", [*T, "--batch-size", "5000"], 2,
     ["--batch-size 5000", "no optimizer step"]),
    ("train-lr-1e10-nan-loss", "train_gpt", [*T, *SMALL, "--lr", "1e10", "--weight-decay", "0",
                                             "--max-steps", "5", "--out", "{f}/nan_run"], 2,
     ["training loss became", "at step", "No checkpoint was written", "--lr"]),
    # train_gpt.py: run folders
    ("train-out-is-a-file", "train_gpt", [*T, "--out", "{f}/a_file"], 2, ["a_file", "is a file"]),
    ("train-out-under-a-file", "train_gpt", [*T, "--out", "{f}/a_file/run"], 2,
     ["cannot be created", "a_file is a file"]),
    ("train-out-holds-a-run", "train_gpt", [*T, "--out", "{f}/old_run"], 2,
     ["old_run", "metrics.json", "--overwrite", "another --out", "--resume"]),
    # train_gpt.py: --resume
    ("train-resume-missing", "train_gpt", [*T, "--resume", "{f}/none.pt"], 2,
     ["none.pt", "no such file"]),
    ("train-resume-folder", "train_gpt", [*T, "--resume", "{f}/a_folder"], 2, ["is a folder"]),
    ("train-resume-garbage", "train_gpt", [*T, "--out", "{f}/x", "--resume", "{f}/garbage.pt"],
     2, ["garbage.pt", "not a checkpoint this project wrote"]),
    ("train-resume-malicious", "train_gpt", [*T, "--out", "{f}/x", "--resume", "{f}/evil.pt"],
     2, ["evil.pt", "not a checkpoint this project wrote", "unsafe"]),
    ("train-resume-classifier", "train_gpt",
     [*T, "--out", "{f}/x", "--resume", "{f}/classifier.pt"], 2,
     ["classifier.pt", "not written by this script", "leave out --resume"]),
    ("train-resume-other-batch-size", "train_gpt", [*T, *SMALL, *RESUME, "--batch-size", "8"],
     2, ["--batch-size 4 (this command: 8)"]),
    ("train-resume-other-lr-and-seed", "train_gpt",
     [*T, *SMALL, *RESUME, "--lr", "1e-3", "--seed", "7"], 2,
     ["--lr 0.003 (this command: 0.001)", "--seed 123 (this command: 7)"]),
    ("train-resume-nothing-left", "train_gpt", [*T, *SMALL, *RESUME], 2,
     ["already at step 2", "--max-steps"]),
    ("train-leftover-rank-variables", "train_gpt", [*T, "--max-steps", "1"], 2,
     ["RANK=1", "WORLD_SIZE=2", "unset RANK WORLD_SIZE", "torchrun"], LEFTOVER),
    # ch05_pretraining/generate_text.py
    ("gen-empty-prompt", "generate_text", [*G, "--prompt", ""], 2, ["--prompt is empty"]),
    ("gen-temperature-nan", "generate_text", [*G, "--temperature", "nan"], 2, ["--temperature"]),
    ("gen-temperature-negative", "generate_text", [*G, "--temperature", "-1"], 2,
     ["--temperature", "greedy"]),
    ("gen-max-new-tokens-negative", "generate_text", [*G, "--max-new-tokens", "-5"], 2,
     ["--max-new-tokens", "at least 1"]),
    ("gen-top-k-0", "generate_text", [*G, "--top-k", "0"], 2, ["--top-k"]),
    ("gen-compile-int8", "generate_text", [*G, "--compile", "--weights", "int8"], 2,
     ["--compile decodes float32"]),
    ("gen-classifier-checkpoint", "generate_text", [*G, "--checkpoint", "{f}/classifier.pt"],
     2, ["classifier.pt", "classifier checkpoint", "classify.py"]),
    ("gen-checkpoint-without-config", "generate_text", [*G, "--checkpoint", "{f}/bare.pt"], 2,
     ["bare.pt", "stores no GPT config"]),
    ("gen-garbage-checkpoint", "generate_text", [*G, "--checkpoint", "{f}/garbage.pt"], 2,
     ["garbage.pt", "truncated or corrupt"]),
    ("gen-malicious-checkpoint", "generate_text", [*G, "--checkpoint", "{f}/evil.pt"], 2,
     ["evil.pt", "unsafe"]),
    ("gen-missing-checkpoint", "generate_text", [*G, "--checkpoint", "{f}/none.pt"], 2,
     ["none.pt", "no such file"]),
    # ch02_tokenizing/tokenize_text.py
    ("tok-file-binary", "tokenize_text", ["--file", "{f}/binary.bin"], 2,
     ["binary.bin", "binary file", "UTF-8"]),
    ("tok-file-latin1", "tokenize_text", ["--file", "{f}/latin1.txt"], 2,
     ["latin1.txt, line 1", "UTF-8"]),
    ("tok-file-missing", "tokenize_text", ["--file", "{f}/none.txt"], 2, ["none.txt"]),
    ("tok-file-empty", "tokenize_text", ["--file", "{f}/empty.txt"], 2, ["empty.txt", "empty"]),
    ("tok-empty-text", "tokenize_text", ["--text", ""], 2, ["--text is empty"]),
    ("tok-max-length-0", "tokenize_text", ["--text", "hi", "--max-length", "0"], 2,
     ["--max-length"]),
    ("tok-stride-negative", "tokenize_text", ["--text", "hi", "--stride", "-1"], 2, ["--stride"]),
    ("tok-compare-without-bpe", "tokenize_text", ["--text", "hi", "--compare"], 2,
     ["--compare needs --tokenizer bpe"]),
    ("tok-bad-bpe-file", "tokenize_text",
     ["--text", "hi", "--tokenizer", "bpe", "--bpe-file", "{f}/bad_bpe.json"], 2,
     ["bad_bpe.json", "BPETokenizer.save"]),
    # appendix_a_pytorch/ddp_train.py
    ("ddp-output-dir-is-a-file", "ddp_train", ["--output-dir", "{f}/a_file"], 2,
     ["--output-dir", "a_file", "is a file"]),
    ("ddp-output-dir-holds-a-run", "ddp_train", ["--output-dir", "{f}/old_ddp"], 2,
     ["rank0_metrics.json", "--overwrite", "another --output-dir"]),
    ("ddp-epochs-0", "ddp_train", ["--num-epochs", "0"], 2, ["--num-epochs"]),
    ("ddp-lr-nan", "ddp_train", ["--lr", "nan"], 2, ["--lr"]),
    ("ddp-leftover-rank-variables", "ddp_train", ["--device", "cpu"], 2,
     ["unset RANK WORLD_SIZE"], LEFTOVER),
    # python -m llmscratch
    ("cli-fetch-cache-is-a-file", "cli", ["fetch", "the-verdict"], 2,
     ["cache_file", "is a file"], CACHE_IS_A_FILE),
    ("cli-fetch-unknown", "cli", ["fetch", "nope"], 2, ["unknown asset 'nope'"]),
    ("cli-doctor-cache-is-a-file", "cli", ["doctor"], 1,
     ["PROBLEM", "cache_file is a file", "not ready"], CACHE_IS_A_FILE),
    ("cli-no-command", "cli", [], 2, ["required"]),
]


def run_row(files, script, argv, capsys, wrapper=None):
    """Run one script as its ``__main__`` does; return (exit code, stdout, stderr)."""
    module = load_script(script)
    argv = [arg.replace("{f}", str(files)) for arg in argv]
    try:
        result = (wrapper or scripting.run_script)(module.main, argv)
        code = result if isinstance(result, int) else 0  # the CLI returns its exit code
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def check_row(result, code, words):
    got, out, err = result
    # Invariant: a clear refusal, with the row's exit code and no traceback, naming the problem.
    assert got == code, f"exit code {got}\n{out}\n{err}"
    assert "Traceback" not in out + err, err
    for word in words:
        assert word in out + err, f"{word!r} not in the message:\n{out}\n{err}"
    # Invariant: never nudge a learner toward loading an unsafe pickle.
    assert "weights_only=False" not in out + err


def _setenv(monkeypatch, files, env):
    monkeypatch.delenv("LLMSCRATCH_DEBUG", raising=False)
    for name in ("RANK", "WORLD_SIZE", "LOCAL_RANK", "MASTER_ADDR", "MASTER_PORT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value.replace("{f}", str(files)))


@pytest.mark.parametrize("row", ROWS, ids=[row[0] for row in ROWS])
def test_hostile_input(files, row, capsys, monkeypatch, tmp_path):
    _, script, argv, code, words, *env = row
    _setenv(monkeypatch, files, env[0] if env else {})
    monkeypatch.chdir(tmp_path)  # default run folders (runs/ch05-quick, ...) land here
    before = {p: p.stat().st_mtime_ns for p in files.rglob("*")}
    check_row(run_row(files, script, argv, capsys), code, words)
    # Invariant: a refused run writes nothing: no new, changed or removed file, no run folder.
    assert {p: p.stat().st_mtime_ns for p in files.rglob("*")} == before
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("script, argv", [
    ("train_gpt", ["--quick", "--out", "{f}/a_file"]), ("generate_text", ["--prompt", ""]),
    ("tokenize_text", ["--text", ""]), ("ddp_train", ["--output-dir", "{f}/a_file"])])
def test_each_script_runs_its_main_through_run_script(files, script, argv):
    import subprocess

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("LLMSCRATCH_DEBUG", None)
    result = subprocess.run([sys.executable, str(SCRIPTS[script]),
                             *(a.replace("{f}", str(files)) for a in argv)],
                            env=env, capture_output=True, text=True, timeout=120)
    # Invariant: `python script.py` itself gives the one-line error (a script ending in a bare
    # main() call would print a ScriptError traceback and exit 1).
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith("error: ")


def test_the_table_covers_every_script():
    assert len(ROWS) >= 35 and {row[1] for row in ROWS} == {*SCRIPTS, "cli"}


# --- kept mutants: each must make the table fail ----------------------------------------------


def _traceback_wrapper(main, argv=None):  # mutant: prints the traceback, exits 2
    try:
        return main(argv)
    except Exception:
        print(traceback.format_exc(), file=sys.stderr)
        raise SystemExit(2) from None


def _row(row_id):
    return next(row for row in ROWS if row[0] == row_id)


@pytest.mark.parametrize("row_id", ["train-data-binary", "train-resume-other-batch-size",
                                    "gen-classifier-checkpoint", "tok-file-latin1",
                                    "cli-fetch-unknown"])
def test_mutant_wrapper_that_shows_tracebacks_fails_the_table(files, row_id, capsys):
    _, script, argv, code, words = _row(row_id)
    with pytest.raises(AssertionError, match="Traceback"):
        check_row(run_row(files, script, argv, capsys, wrapper=_traceback_wrapper), code, words)


def test_mutant_without_argument_checks_fails_the_table(files, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(scripting, "positive_int", int)  # mutant: any int is a count
    monkeypatch.setattr(scripting, "temperature", float)  # mutant: any float is a temperature
    # the unchecked train_gpt.py divides by --eval-freq 0: a ZeroDivisionError traceback
    with pytest.raises(ZeroDivisionError):
        run_row(files, "train_gpt", [*T, *SMALL, "--eval-freq", "0"], capsys)
    # the unchecked generate_text.py answers nan (greedy) and -5 (nothing) with exit 0
    for row_id in ("gen-temperature-nan", "gen-max-new-tokens-negative"):
        _, script, argv, code, words = _row(row_id)
        with pytest.raises(AssertionError, match="exit code 0"):
            check_row(run_row(files, script, argv, capsys), code, words)


def test_mutant_run_folder_check_that_never_refuses_fails_the_table(files, capsys, monkeypatch,
                                                                     tmp_path):
    old = tmp_path / "old_run"
    old.mkdir()
    (old / "metrics.json").write_text("{}")
    real = scripting.prepare_run_dir
    monkeypatch.setattr(scripting, "prepare_run_dir",  # mutant: replaces silently
                        lambda out, **kw: real(out, **{**kw, "overwrite": True}))
    _, script, _, code, words = _row("train-out-holds-a-run")
    result = run_row(files, script, [*T, *SMALL, "--out", str(old)], capsys)
    with pytest.raises(AssertionError, match="exit code 0"):
        check_row(result, code, words)
    assert (old / "checkpoint.pt").exists()  # the earlier run's folder was written over
