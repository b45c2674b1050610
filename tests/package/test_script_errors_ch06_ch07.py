"""Hostile and careless inputs to the chapter 6 and 7 scripts: one clear line, never a traceback.

Each row runs a script in-process through ``run_script(main, argv)``, as ``python script.py``
would, and asserts the exit code, that no traceback reached the learner, and the key words of
the message. The rows stop before any training (validation, data checks, refusals), so the
whole table takes seconds. Files a row needs (bad data, a classifier and a GPT checkpoint of a
tiny model) are made once per module. ``tests/package/test_script_errors.py`` holds the rows of
the other scripts and the CLI. The last tests keep mutants: a wrapper that lets a traceback
through, and scripts without their argument checks, must make the table fail.
"""

from __future__ import annotations

import importlib.util
import json
import os
import traceback
from pathlib import Path

import pytest
import torch

from llmscratch import scripting

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = {
    "finetune_classifier": ROOT / "ch06_classification" / "finetune_classifier.py",
    "classify": ROOT / "ch06_classification" / "classify.py",
    "finetune_instructions": ROOT / "ch07_instruction" / "finetune_instructions.py",
    "evaluate_responses": ROOT / "ch07_instruction" / "evaluate_responses.py",
    "chat": ROOT / "ch07_instruction" / "chat.py",
}
RECORD = {"instruction": "Name a color.", "input": "", "output": "Red.", "model_response": "Red"}


def load_script(name):
    spec = importlib.util.spec_from_file_location(f"_errors_{name}", SCRIPTS[name])
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """The files rows refer to as {name} in their arguments."""
    from llmscratch import GPTModel, save_checkpoint, save_classifier

    folder = tmp_path_factory.mktemp("hostile")
    cfg = {**scripting.TINY_GPT_CONFIG, "drop_rate": 0.0}
    torch.manual_seed(0)
    gpt = GPTModel(cfg)
    save_checkpoint(folder / "gpt.pt", gpt, extra={"config": cfg, "prompt_style": "alpaca"})
    classifier = GPTModel(cfg)
    classifier.out_head = torch.nn.Linear(cfg["emb_dim"], 2)
    save_classifier(folder / "classifier.pt", classifier, cfg, max_length=8)
    contents = {
        "garbage.pt": b"this is not a checkpoint",
        "binary.bin": bytes(range(256)) * 4,
        "latin1.txt": "ham\tcaf\u00e9 at noon\n".encode("latin-1"),
        "no_text.txt": b"ham\tfine\nspam\t\n",
        "bad_label.txt": b"ham\tfine\nmaybe\twho knows\n",
        "all_ham.txt": b"ham\tfine\nham\tsee you\n",
        "bad.json": b'[{"instruction": "a", "input": ""\n',
        "empty.json": b"[]",
        "strings.json": b'["Name a color.", "Red."]',
        "no_output.json": json.dumps([{"instruction": "a", "input": ""}]).encode(),
        "responses.json": json.dumps([RECORD]).encode(),
        "old_scores.json": b"{}",
    }
    for name, content in contents.items():
        (folder / name).write_bytes(content)
    (folder / "a_folder").mkdir()
    (folder / "a_file").write_text("I am a file, not a folder")
    for run in ("old_run_ch06", "old_run_ch07"):  # another run's results
        (folder / run).mkdir()
        (folder / run / "metrics.json").write_text("{}")
    return folder


Q6 = ["--quick", "--device", "cpu", "--no-plots"]  # every ch06 training row stays tiny
Q7 = ["--quick", "--device", "cpu"]

# (id, script, arguments ({f} is the files folder), key words of the message)
ROWS = [
    # finetune_classifier.py
    ("ch06-epochs-0", "finetune_classifier", [*Q6, "--epochs", "0"], ["--epochs"]),
    ("ch06-epochs-negative", "finetune_classifier", [*Q6, "--epochs", "-3"], ["--epochs"]),
    ("ch06-lr-1e10", "finetune_classifier", [*Q6, "--lr", "1e10"], ["--lr", "weight decay"]),
    ("ch06-lr-nan", "finetune_classifier", [*Q6, "--lr", "nan"], ["--lr"]),
    ("ch06-eval-freq-0", "finetune_classifier", [*Q6, "--eval-freq", "0"], ["--eval-freq"]),
    ("ch06-batch-too-big", "finetune_classifier", [*Q6, "--batch-size", "500"],
     ["--batch-size 500", "64 training messages"]),
    ("ch06-lora-rank-negative", "finetune_classifier",
     [*Q6, "--trainable", "lora", "--lora-rank", "-1"], ["--lora-rank"]),
    ("ch06-dropout-1.5", "finetune_classifier", [*Q6, "--drop-rate", "1.5"], ["--drop-rate"]),
    ("ch06-context-0", "finetune_classifier", [*Q6, "--context", "0"], ["--context"]),
    ("ch06-context-too-long", "finetune_classifier", [*Q6, "--context", "5000"],
     ["--context 5000", "between 1 and"]),
    ("ch06-heads-do-not-divide", "finetune_classifier", [*Q6, "--emb-dim", "30"],
     ["--emb-dim 30", "multiple of"]),
    ("ch06-data-missing", "finetune_classifier", [*Q6, "--data", "{f}/nowhere.txt"],
     ["nowhere.txt"]),
    ("ch06-data-binary", "finetune_classifier", [*Q6, "--data", "{f}/binary.bin"],
     ["binary.bin", "binary"]),
    ("ch06-data-latin1", "finetune_classifier", [*Q6, "--data", "{f}/latin1.txt"],
     ["latin1.txt, line 1", "UTF-8"]),
    ("ch06-data-no-text", "finetune_classifier", [*Q6, "--data", "{f}/no_text.txt"],
     ["no_text.txt, line 2", "no message"]),
    ("ch06-data-unknown-label", "finetune_classifier", [*Q6, "--data", "{f}/bad_label.txt"],
     ["bad_label.txt, line 2", "unknown label 'maybe'"]),
    ("ch06-data-one-class", "finetune_classifier", [*Q6, "--data", "{f}/all_ham.txt"],
     ["all_ham.txt", "no spam messages"]),
    ("ch06-out-is-a-file", "finetune_classifier", [*Q6, "--out", "{f}/a_file"], ["a_file"]),
    ("ch06-out-holds-a-run", "finetune_classifier", [*Q6, "--out", "{f}/old_run_ch06"],
     ["metrics.json", "--overwrite"]),
    # classify.py
    ("classify-no-checkpoint", "classify", ["--checkpoint", "{f}/none.pt", "hi"],
     ["none.pt", "train one first"]),
    ("classify-gpt-checkpoint", "classify", ["--checkpoint", "{f}/gpt.pt", "hi"],
     ["gpt.pt", "not a classifier", "chat.py"]),
    ("classify-garbage-checkpoint", "classify", ["--checkpoint", "{f}/garbage.pt", "hi"],
     ["garbage.pt"]),
    ("classify-empty-message", "classify", ["--checkpoint", "{f}/classifier.pt", ""],
     ["message 1 is empty"]),
    # finetune_instructions.py
    ("ch07-data-typo", "finetune_instructions", [*Q7, "--data", "{f}/typo.json"],
     ["typo.json"]),
    ("ch07-epochs-0", "finetune_instructions", [*Q7, "--epochs", "0"], ["--epochs"]),
    ("ch07-epochs-negative", "finetune_instructions", [*Q7, "--epochs", "-2"], ["--epochs"]),
    ("ch07-lr-1e10", "finetune_instructions", [*Q7, "--lr", "1e10"], ["--lr", "weight decay"]),
    ("ch07-allowed-max-length-0", "finetune_instructions",
     [*Q7, "--allowed-max-length", "0"], ["--allowed-max-length"]),
    ("ch07-num-test-negative", "finetune_instructions", [*Q7, "--num-test", "-1"],
     ["--num-test"]),
    ("ch07-lora-rank-negative", "finetune_instructions", [*Q7, "--lora-rank", "-1"],
     ["--lora-rank"]),
    ("ch07-eval-freq-0", "finetune_instructions", [*Q7, "--eval-freq", "0"], ["--eval-freq"]),
    ("ch07-max-new-tokens-negative", "finetune_instructions", [*Q7, "--max-new-tokens", "-5"],
     ["--max-new-tokens"]),
    ("ch07-batch-too-big", "finetune_instructions", [*Q7, "--batch-size", "64"],
     ["--batch-size 64", "20 training records"]),
    ("ch07-masked-prompt-too-long", "finetune_instructions", [*Q7, "--mask-instructions"],
     ["--mask-instructions", "no response token within 32 tokens", "--prompt-style phi3"]),
    ("ch07-data-bad-json", "finetune_instructions", [*Q7, "--data", "{f}/bad.json"],
     ["bad.json, line 2", "not valid JSON"]),
    ("ch07-data-empty-list", "finetune_instructions", [*Q7, "--data", "{f}/empty.json"],
     ["empty.json", "no records"]),
    ("ch07-data-strings", "finetune_instructions", [*Q7, "--data", "{f}/strings.json"],
     ["strings.json", "record 0", "a string"]),
    ("ch07-data-binary", "finetune_instructions", [*Q7, "--data", "{f}/binary.bin"],
     ["binary.bin", "binary"]),
    ("ch07-init-missing", "finetune_instructions", [*Q7, "--init", "{f}/none.pt"],
     ["none.pt", "no such file"]),
    ("ch07-init-classifier", "finetune_instructions", [*Q7, "--init", "{f}/classifier.pt"],
     ["classifier.pt", "classifier"]),
    ("ch07-out-holds-a-run", "finetune_instructions", [*Q7, "--out", "{f}/old_run_ch07"],
     ["metrics.json", "--overwrite"]),
    # evaluate_responses.py
    ("eval-missing-file", "evaluate_responses", ["{f}/none.json"], ["none.json"]),
    ("eval-out-is-a-folder", "evaluate_responses",
     ["{f}/responses.json", "--out", "{f}/a_folder"], ["a_folder", "is a folder"]),
    ("eval-out-exists", "evaluate_responses",
     ["{f}/responses.json", "--out", "{f}/old_scores.json"], ["old_scores.json", "--overwrite"]),
    ("eval-bad-json", "evaluate_responses", ["{f}/bad.json"], ["bad.json, line 2"]),
    ("eval-empty-list", "evaluate_responses", ["{f}/empty.json"], ["no records"]),
    ("eval-strings", "evaluate_responses", ["{f}/strings.json"], ["record 0", "a string"]),
    ("eval-missing-key", "evaluate_responses", ["{f}/no_output.json"],
     ["record 0", "'output'", "--key"]),
    ("eval-other-key", "evaluate_responses", ["{f}/responses.json", "--key", "answer"],
     ["'answer'", "--key"]),
    ("eval-binary", "evaluate_responses", ["{f}/binary.bin"], ["binary.bin", "binary"]),
    ("eval-timeout-0", "evaluate_responses", ["{f}/responses.json", "--timeout", "0"],
     ["--timeout"]),
    ("eval-retries-negative", "evaluate_responses", ["{f}/responses.json", "--retries", "-1"],
     ["--retries"]),
    ("eval-judge-unreachable", "evaluate_responses",
     ["{f}/responses.json", "--judge", "ollama", "--url", "http://127.0.0.1:9/api/chat",
      "--retries", "0", "--timeout", "2"], ["ollama serve"]),
    # chat.py
    ("chat-classifier-checkpoint", "chat", ["--checkpoint", "{f}/classifier.pt", "--prompt", "hi"],
     ["classifier.pt", "classifier"]),
    ("chat-garbage-checkpoint", "chat", ["--checkpoint", "{f}/garbage.pt", "--prompt", "hi"],
     ["garbage.pt"]),
    ("chat-missing-checkpoint", "chat", ["--checkpoint", "{f}/none.pt", "--prompt", "hi"],
     ["none.pt"]),
    ("chat-no-checkpoint", "chat", ["--prompt", "hi"], ["--checkpoint", "--quick"]),
    ("chat-empty-prompt", "chat", ["--quick", "--prompt", ""], ["--prompt", "empty"]),
    ("chat-temperature-nan", "chat", ["--quick", "--prompt", "hi", "--temperature", "nan"],
     ["--temperature"]),
    ("chat-temperature-negative", "chat", ["--quick", "--prompt", "hi", "--temperature", "-1"],
     ["--temperature"]),
    ("chat-top-k-0", "chat", ["--quick", "--prompt", "hi", "--top-k", "0"], ["--top-k"]),
    ("chat-max-new-tokens-negative", "chat", ["--quick", "--prompt", "hi",
                                              "--max-new-tokens", "-5"], ["--max-new-tokens"]),
]


def run_row(files, script, argv, capsys, wrapper=None):
    """Run one script as its ``__main__`` does; return (exit code, stdout, stderr)."""
    module = load_script(script)
    argv = [arg.replace("{f}", str(files)) for arg in argv]
    try:
        (wrapper or scripting.run_script)(module.main, argv)
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def check_row(result, words):
    code, out, err = result
    # Invariant: a clear refusal exits 2, with no traceback, naming what is wrong.
    assert code == 2, f"exit code {code}\n{out}\n{err}"
    assert "Traceback" not in out + err, err
    for word in words:
        assert word in err, f"{word!r} not in the message:\n{err}"


@pytest.mark.parametrize("row_id, script, argv, words", ROWS, ids=[row[0] for row in ROWS])
def test_hostile_input(files, row_id, script, argv, words, capsys, monkeypatch, tmp_path):
    monkeypatch.delenv("LLMSCRATCH_DEBUG", raising=False)
    monkeypatch.chdir(tmp_path)  # default --out folders (runs/ch06, runs/ch07) land here
    before = sorted(p.name for p in files.rglob("*"))
    check_row(run_row(files, script, argv, capsys), words)
    # Invariant: a refused run writes nothing (no typo.json, no half-made run folder).
    assert sorted(p.name for p in files.rglob("*")) == before
    assert list(tmp_path.iterdir()) == []


def test_the_table_is_large_enough():
    assert len(ROWS) >= 25 and {row[1] for row in ROWS} == set(SCRIPTS)


def _traceback_wrapper(main, argv=None):  # mutant: prints the traceback, exits 2
    try:
        main(argv)
    except Exception:
        print(traceback.format_exc(), file=os.sys.stderr)
        raise SystemExit(2) from None


@pytest.mark.parametrize("row_id", ["ch06-data-binary", "classify-gpt-checkpoint",
                                    "ch07-data-strings", "chat-classifier-checkpoint"])
def test_mutant_wrapper_that_shows_tracebacks_fails_the_table(files, row_id, capsys):
    _, script, argv, words = next(row for row in ROWS if row[0] == row_id)
    with pytest.raises(AssertionError, match="Traceback"):
        check_row(run_row(files, script, argv, capsys, wrapper=_traceback_wrapper), words)


def test_mutant_without_argument_checks_fails_the_table(files, capsys, monkeypatch):
    script = load_script("chat")
    monkeypatch.setattr(script, "temperature", float)  # mutant: any float is a temperature
    monkeypatch.setattr(script, "positive_int", int)  # mutant: any int is a count
    for argv, words in [(["--quick", "--prompt", "hi", "--temperature", "nan",
                          "--max-new-tokens", "2"], ["--temperature"]),
                        (["--quick", "--prompt", "hi", "--max-new-tokens", "-5"],
                         ["--max-new-tokens"])]:
        try:
            scripting.run_script(script.main, argv)
            code = 0
        except SystemExit as stop:
            code = stop.code
        result = (code, *capsys.readouterr())
        # the unchecked script answers (nan: greedy; -5: nothing) and exits 0: a row fails
        with pytest.raises(AssertionError, match="exit code 0"):
            check_row(result, words)


def test_mutant_without_the_masked_response_check_fails_the_table(files, capsys, monkeypatch,
                                                                   tmp_path):
    _, script, argv, words = next(r for r in ROWS if r[0] == "ch07-masked-prompt-too-long")
    module = load_script(script)
    monkeypatch.setattr(module, "check_responses_fit", lambda *args: None)  # mutant
    argv = [*argv, "--out", str(tmp_path / "run")]
    try:
        scripting.run_script(module.main, argv)
        code = 0
    except SystemExit as stop:
        code = stop.code
    result = (code, *capsys.readouterr())
    # without the check the run ends in the NaN stop, whose message misleads ("lower --lr")
    assert "nan" in result[2]
    with pytest.raises(AssertionError, match="not in the message"):
        check_row(result, words)
