"""Tests for the chapter 6 scripts: finetune_classifier.py and classify.py."""

from __future__ import annotations

import importlib.util
import io
import json
from pathlib import Path

import pytest
import torch
from torch.utils.data import DataLoader

ROOT = Path(__file__).resolve().parents[2]
CH06 = ROOT / "ch06_classification"


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


def _test_accuracy_of_saved(path, finetune, max_length):
    """Accuracy of the reloaded classifier on the quick test split."""
    from llmscratch import SpamDataset, calc_accuracy_loader, get_gpt2_tokenizer, load_classifier

    args = finetune.build_parser().parse_args(["--quick"])
    _, _, test_df = finetune.load_splits(args)
    model, _, _ = load_classifier(path)
    dataset = SpamDataset(test_df, get_gpt2_tokenizer(), max_length=max_length)
    return calc_accuracy_loader(DataLoader(dataset, batch_size=8), model, "cpu")


def test_quick_run_writes_everything_and_classify_reads_it(finetune, classify, tmp_path,
                                                           monkeypatch, capsys):
    metrics = finetune.main(["--quick", "--device", "cpu", "--out", str(tmp_path)])
    # Invariant: main returns the three accuracies the chapter reports, each a fraction.
    for split in ("train", "val", "test"):
        assert 0.0 <= metrics[f"{split}_accuracy"] <= 1.0
    # Invariant: checkpoint, metrics and both plots are written.
    for name in ("classifier.pt", "metrics.json", "loss-plot.png", "accuracy-plot.png"):
        assert (tmp_path / name).is_file(), name
    saved = json.loads((tmp_path / "metrics.json").read_text())
    assert saved["test_accuracy"] == metrics["test_accuracy"]
    # Invariant: the saved classifier is the trained one (same test accuracy when reloaded).
    max_length = metrics["settings"]["max_length"]
    reloaded = _test_accuracy_of_saved(tmp_path / "classifier.pt", finetune, max_length)
    assert reloaded == pytest.approx(metrics["test_accuracy"])

    messages = ["WINNER!! Claim your free prize now", "See you at lunch"]
    labels = classify.main(["--checkpoint", str(tmp_path / "classifier.pt"), *messages])
    # Invariant: one label per message, printed with the message.
    assert len(labels) == 2 and set(labels) <= {"spam", "not spam"}
    assert f"{labels[1]}\tSee you at lunch" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(messages) + "\n\n"))
    # Invariant: with no arguments, messages come from stdin (blank lines skipped).
    assert classify.main(["--checkpoint", str(tmp_path / "classifier.pt")]) == labels


@pytest.mark.parametrize("extra", [["--token", "mean", "--context", "16"],
                                   ["--trainable", "lora", "--token", "first"]])
def test_token_context_and_lora_choices_survive_saving(finetune, tmp_path, extra):
    metrics = finetune.main(["--quick", "--out", str(tmp_path), "--no-plots", *extra])
    # Invariant: --context N pads to N tokens; 'longest' never exceeds the context (64).
    max_length = metrics["settings"]["max_length"]
    assert max_length == 16 if "16" in extra else 16 < max_length <= 64
    if "lora" in extra:
        # Invariant: with LoRA only the adapters (and nothing of the frozen model) train.
        assert metrics["trainable_parameters"] < metrics["total_parameters"] / 10
    # Invariant: token pooling and LoRA adapters are rebuilt when the classifier is loaded.
    reloaded = _test_accuracy_of_saved(tmp_path / "classifier.pt", finetune, max_length)
    assert reloaded == pytest.approx(metrics["test_accuracy"])


def test_context_choices(finetune):
    # Invariant: 'longest' is capped by the context, 'model' is the context, N must fit.
    assert finetune.padded_length("longest", 120, 64) == 64
    assert finetune.padded_length("longest", 50, 64) == 50
    assert finetune.padded_length("model", 50, 1024) == 1024
    assert finetune.padded_length("30", 50, 1024) == 30
    with pytest.raises(SystemExit, match="between 1 and"):
        finetune.padded_length("2000", 50, 1024)


def test_missing_gpt2_weights_point_to_random_init(finetune, tmp_path, monkeypatch):
    from llmscratch.assets import AssetError

    def offline(name, *args, **kwargs):
        raise AssetError(f"Could not get {name} (offline in this test)")

    monkeypatch.setattr("llmscratch.assets.fetch_asset", offline)
    # Invariant: without weights the script stops and says how to train without them.
    with pytest.raises(SystemExit, match="--init random"):
        finetune.main(["--out", str(tmp_path), "--device", "cpu"])


def test_classify_without_checkpoint_says_what_to_do(classify, tmp_path):
    with pytest.raises(SystemExit, match="train one first"):
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
