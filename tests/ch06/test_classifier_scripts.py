"""Tests for the chapter 6 scripts: finetune_classifier.py and classify.py.

Every run is ``--quick`` (the tiny GPT, 64/16/16 messages, one epoch), called in-process
through ``main(argv)``. Hostile inputs are in ``tests/package/test_script_errors_ch06_ch07.py``.
"""

from __future__ import annotations

import importlib.util
import io
import json
from pathlib import Path

import pytest
import torch
from torch.utils.data import DataLoader

from llmscratch.scripting import TINY_GPT_CONFIG, ScriptError

ROOT = Path(__file__).resolve().parents[2]
CH06 = ROOT / "ch06_classification"
QUICK = ["--quick", "--device", "cpu"]


def _script(name):
    spec = importlib.util.spec_from_file_location(f"_ch06_{name}", CH06 / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(autouse=True)
def _restore_threads():
    """The script sets torch's thread count (1 in quick mode); give the next test its own."""
    threads = torch.get_num_threads()
    yield
    torch.set_num_threads(threads)


@pytest.fixture(scope="module")
def finetune():
    return _script("finetune_classifier")


@pytest.fixture(scope="module")
def classify():
    return _script("classify")


@pytest.fixture(scope="module")
def quick_run(finetune, tmp_path_factory):
    out = tmp_path_factory.mktemp("ch06_quick")
    return out, finetune.main([*QUICK, "--out", str(out)])


def _test_accuracy_of_saved(path, finetune, max_length):
    """Accuracy of the reloaded classifier on the quick test split."""
    from llmscratch import SpamDataset, calc_accuracy_loader, get_gpt2_tokenizer, load_classifier

    args = finetune.build_parser().parse_args(["--quick"])
    _, _, test_df = finetune.load_splits(args)
    model, _, _ = load_classifier(path)
    dataset = SpamDataset(test_df, get_gpt2_tokenizer(), max_length=max_length)
    return calc_accuracy_loader(DataLoader(dataset, batch_size=8), model, "cpu")


def test_quick_run_writes_everything_and_classify_reads_it(quick_run, finetune, classify,
                                                           monkeypatch, capsys):
    out, metrics = quick_run
    # Invariant: main returns the three accuracies the chapter reports, each a fraction.
    for split in ("train", "val", "test"):
        assert 0.0 <= metrics[f"{split}_accuracy"] <= 1.0
    # Invariant: --quick uses the one tiny config and its presets (1 epoch, 8 steps).
    assert metrics["total_parameters"] < 4_000_000 and metrics["examples_seen"] == 64
    assert metrics["settings"]["epochs"] == 1 and metrics["settings"]["init"] == "random"
    # Invariant: checkpoint, metrics and both plots are written.
    for name in ("classifier.pt", "metrics.json", "loss-plot.png", "accuracy-plot.png"):
        assert (out / name).is_file(), name
    saved = json.loads((out / "metrics.json").read_text())
    assert saved["test_accuracy"] == metrics["test_accuracy"]
    # Invariant: the saved classifier is the trained one (same test accuracy when reloaded).
    max_length = metrics["settings"]["max_length"]
    assert max_length <= TINY_GPT_CONFIG["context_length"]
    reloaded = _test_accuracy_of_saved(out / "classifier.pt", finetune, max_length)
    assert reloaded == pytest.approx(metrics["test_accuracy"])

    messages = ["WINNER!! Claim your free prize now", "See you at lunch <|endoftext|> ok"]
    capsys.readouterr()
    labels = classify.main(["--checkpoint", str(out / "classifier.pt"), *messages])
    # Invariant: one label per message, printed with the message; <|endoftext|> is text.
    assert len(labels) == 2 and set(labels) <= {"spam", "not spam"}
    assert f"{labels[1]}\tSee you at lunch <|endoftext|> ok" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(messages) + "\n\n"))
    # Invariant: with no arguments, messages come from stdin (blank lines skipped).
    assert classify.main(["--checkpoint", str(out / "classifier.pt")]) == labels


def test_a_second_run_into_the_same_folder_is_refused(quick_run, finetune):
    out, _ = quick_run
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    # Invariant: another run's results are never replaced without --overwrite.
    with pytest.raises(Exception, match="--overwrite") as info:
        finetune.main([*QUICK, "--out", str(out), "--epochs", "2"])
    assert "classifier.pt" in str(info.value) or "metrics.json" in str(info.value)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def _spam_file_with_endoftext(path):
    """100 ham and 100 spam lines, some spam containing <|endoftext|> (tiktoken refuses it)."""
    lines = [f"ham\tSee you at {i} o'clock, ok?" for i in range(100)]
    lines += [f"spam\tWIN {i} prizes <|endoftext|> call now" for i in range(100)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_overwrite_replaces_the_run_and_leaves_no_stale_plot(finetune, tmp_path):
    out = tmp_path / "run"
    finetune.main([*QUICK, "--out", str(out)])
    assert (out / "loss-plot.png").is_file()
    data = _spam_file_with_endoftext(tmp_path / "spam.txt")
    metrics = finetune.main([*QUICK, "--out", str(out), "--overwrite", "--no-plots",
                             "--seed", "7", "--data", str(data)])
    # Invariant: --overwrite replaces the results and removes the old run's plots.
    assert json.loads((out / "metrics.json").read_text())["settings"]["seed"] == 7
    assert metrics["settings"]["seed"] == 7
    assert not (out / "loss-plot.png").exists() and not (out / "accuracy-plot.png").exists()
    # Invariant: messages with <|endoftext|> train like any text (the data has 200 lines).
    assert metrics["examples_seen"] == 64 and str(metrics["settings"]["data"]) == str(data)


def test_a_nan_loss_stops_the_run_before_saving(finetune, tmp_path, monkeypatch):
    from llmscratch import classification

    calls = []
    real = classification.calc_loss_batch

    def nan_at_step_3(*args):
        loss = real(*args)
        if torch.is_grad_enabled():  # a training step, not an evaluation
            calls.append(1)
            if len(calls) == 4:
                return loss * float("nan")
        return loss

    monkeypatch.setattr(classification, "calc_loss_batch", nan_at_step_3)
    # Invariant: a NaN loss stops training with the step named, and no classifier is saved.
    with pytest.raises(ScriptError, match="step 3"):
        finetune.main([*QUICK, "--out", str(tmp_path / "run"), "--eval-freq", "100"])
    assert not (tmp_path / "run" / "classifier.pt").exists()


def test_fast_gives_the_same_checkpoint(quick_run, finetune, tmp_path):
    from llmscratch.checkpoints import load_checkpoint

    out, metrics = quick_run
    fast = finetune.main([*QUICK, "--out", str(tmp_path), "--fast", "--no-plots"])
    plain_state = load_checkpoint(out / "classifier.pt", restore_rng=False)["model_state_dict"]
    fast_state = load_checkpoint(tmp_path / "classifier.pt", restore_rng=False)
    fast_state = fast_state["model_state_dict"]
    # Invariant: --fast trains GPTModelFast to the same weights (float rounding apart) and
    # saves them under the same keys, so classify.py reads either checkpoint.
    assert plain_state.keys() == fast_state.keys()
    for key in plain_state:
        torch.testing.assert_close(fast_state[key], plain_state[key], atol=1e-4, rtol=1e-3)
    assert fast["settings"]["fast"] and not metrics["settings"]["fast"]


def test_fast_really_trains_the_fast_model(finetune, tmp_path, monkeypatch):
    from llmscratch.fast import GPTModelFast

    seen = []
    real_train = finetune.train

    def spy(classifier, *args):
        seen.append(type(classifier))
        return real_train(classifier, *args)

    monkeypatch.setattr(finetune, "train", spy)
    finetune.main([*QUICK, "--out", str(tmp_path), "--fast", "--no-plots", "--token", "last"])
    # Invariant: with --fast the model trained is a GPTModelFast (a no-op flag would fail).
    assert seen == [GPTModelFast]


@pytest.mark.parametrize("extra", [["--token", "mean", "--context", "16"],
                                   ["--trainable", "lora", "--token", "first"]])
def test_token_context_and_lora_choices_survive_saving(finetune, tmp_path, extra):
    metrics = finetune.main([*QUICK, "--out", str(tmp_path), "--no-plots", *extra])
    # Invariant: --context N pads to N tokens; 'longest' never exceeds the context (32).
    max_length = metrics["settings"]["max_length"]
    assert max_length == 16 if "16" in extra else 16 < max_length <= 32
    if "lora" in extra:
        # Invariant: with LoRA only the adapters (and nothing of the frozen model) train.
        assert metrics["trainable_parameters"] < metrics["total_parameters"] / 10
    # Invariant: token pooling and LoRA adapters are rebuilt when the classifier is loaded.
    reloaded = _test_accuracy_of_saved(tmp_path / "classifier.pt", finetune, max_length)
    assert reloaded == pytest.approx(metrics["test_accuracy"])


def test_quick_never_overrides_a_flag_you_give(finetune):
    parser = finetune.build_parser()
    args = parser.parse_args(["--quick", "--epochs", "3", "--eval-freq", "7"])
    finetune.apply_presets(args, finetune.QUICK, finetune.FULL)
    # Invariant: given flags win; the others come from the quick preset.
    assert (args.epochs, args.eval_freq, args.eval_iter) == (3, 7, finetune.QUICK["eval_iter"])
    args = parser.parse_args([])
    finetune.apply_presets(args, finetune.QUICK, finetune.FULL)
    assert (args.epochs, args.init) == (5, "pretrained")  # the book's run


def test_context_choices(finetune):
    # Invariant: 'longest' is capped by the context, 'model' is the context, N must fit.
    assert finetune.padded_length("longest", 120, 64) == 64
    assert finetune.padded_length("longest", 50, 64) == 50
    assert finetune.padded_length("model", 50, 1024) == 1024
    assert finetune.padded_length(30, 50, 1024) == 30
    with pytest.raises(ScriptError, match="between 1 and"):
        finetune.padded_length(2000, 50, 1024)


def test_missing_gpt2_weights_point_to_random_init(finetune, tmp_path, monkeypatch):
    from llmscratch.assets import AssetError

    def offline(name, *args, **kwargs):
        raise AssetError(f"Could not get {name} (offline in this test)")

    monkeypatch.setattr("llmscratch.assets.fetch_asset", offline)
    # Invariant: without weights the script stops and says how to train without them.
    with pytest.raises(ScriptError, match="--init random"):
        finetune.main(["--out", str(tmp_path / "run"), "--device", "cpu"])
    assert not (tmp_path / "run").exists()  # nothing written before the first result


def test_classify_without_checkpoint_says_what_to_do(classify, tmp_path):
    with pytest.raises(ScriptError, match="train one first"):
        classify.main(["--checkpoint", str(tmp_path / "none.pt"), "hello"])


@pytest.mark.slow
def test_small_gpt_from_scratch_reaches_90_percent(finetune, tmp_path):
    """The chapter's offline result: no pretrained weights, a small GPT, all layers trained."""
    metrics = finetune.main([
        "--init", "random", "--emb-dim", "128", "--n-layers", "2", "--n-heads", "4",
        "--trainable", "all", "--lr", "1e-3", "--epochs", "2", "--threads", "1",
        "--device", "cpu", "--no-plots", "--out", str(tmp_path),
    ])
    # Invariant: at least 90% of the 300 balanced test messages are classified correctly.
    assert metrics["test_accuracy"] >= 0.90, metrics
    assert metrics["settings"]["max_length"] == 120  # padded to the longest training message


class _NoHandler(Exception):
    """Raised by the test's own SIGTERM handler: the script installed none."""


def _on_sigterm_without_handler(signum, frame):
    raise _NoHandler


@pytest.mark.parametrize("mutant", [False, True])
def test_sigterm_stops_with_one_line_and_writes_nothing(finetune, tmp_path, monkeypatch, capsys,
                                                        mutant):
    import os
    import signal

    from llmscratch.scripting import run_script

    real_train = finetune.train

    def terminated(*args):
        os.kill(os.getpid(), signal.SIGTERM)  # as `kill PID` would, in the middle of the run
        return real_train(*args)

    monkeypatch.setattr(finetune, "train", terminated)
    if mutant:  # the script forgets install_signal_handlers: SIGTERM would kill it silently
        monkeypatch.setattr("llmscratch.scripting.install_signal_handlers", lambda: None)
    previous = signal.signal(signal.SIGTERM, _on_sigterm_without_handler)
    try:
        with pytest.raises(_NoHandler if mutant else SystemExit) as info:
            run_script(finetune.main, [*QUICK, "--out", str(tmp_path / "run")])
    finally:
        signal.signal(signal.SIGTERM, previous)
    if not mutant:
        # Invariant: SIGTERM ends the run like Ctrl-C: exit 130, one line, nothing written.
        assert info.value.code == 130
        assert "stopped by SIGTERM" in capsys.readouterr().err
        assert not (tmp_path / "run").exists()
