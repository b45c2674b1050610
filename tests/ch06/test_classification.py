"""Tests for llmscratch.classification (chapter 6: the SMS spam classifier)."""

from __future__ import annotations

import functools
import http.server
import io
import math
import threading
import zipfile

import pandas as pd
import pytest
import torch
from torch.utils.data import DataLoader, TensorDataset

from llmscratch.assets import AssetError
from llmscratch.checkpoints import CheckpointError
from llmscratch.classification import (
    PooledClassifier,
    SpamDataset,
    calc_accuracy_loader,
    calc_loss_batch,
    calc_loss_loader,
    classify_review,
    convert_to_classifier,
    count_trainable_parameters,
    create_balanced_dataset,
    download_and_unzip_spam_data,
    load_classifier,
    load_spam_data,
    random_split,
    save_classifier,
    train_classifier_simple,
)
from llmscratch.model import GPTModel


class CharTokenizer:
    """One token per character (its code point): lengths are easy to reason about."""

    def encode(self, text):
        return [ord(c) for c in text]


class FixedLogits(torch.nn.Module):
    """A fake model: class logits per position from a lookup on the token id (id % 2 wins)."""

    def __init__(self, context_length=32):
        super().__init__()
        self.pos_emb = torch.nn.Embedding(context_length, 1)
        self.calls = []

    def forward(self, in_idx):
        self.calls.append(in_idx.clone())
        spam = (in_idx % 2).float()  # odd ids vote spam
        return torch.stack([1 - spam, spam], dim=-1)  # (batch, num_tokens, 2)


@pytest.fixture(scope="module")
def spam_df(data_dir):
    return load_spam_data(data_dir / "sms-spam-collection" / "SMSSpamCollection")


# --- data ---------------------------------------------------------------------------------------


def test_counts_on_the_real_file(spam_df):
    counts = spam_df["Label"].value_counts()
    # Invariant: read the book's way, the file has 4,825 ham and 747 spam rows (§6.2).
    assert (counts["ham"], counts["spam"]) == (4825, 747)
    balanced = create_balanced_dataset(spam_df)
    # Invariant: balancing keeps all spam and as many ham rows.
    assert balanced["Label"].value_counts().to_dict() == {"ham": 747, "spam": 747}
    train_df, val_df, test_df = random_split(balanced, 0.7, 0.1)
    # Invariant: the book's split sizes.
    assert (len(train_df), len(val_df), len(test_df)) == (1045, 149, 300)
    # Invariant: together the three parts are the balanced rows, each used once (a shuffle).
    rows = pd.concat([train_df, val_df, test_df]).to_numpy().tolist()
    assert sorted(rows) == sorted(balanced.to_numpy().tolist())
    assert rows != balanced.to_numpy().tolist()


def test_padded_length_on_the_real_split(spam_df):
    from llmscratch.tokenizer import get_gpt2_tokenizer

    train_df, val_df, _ = random_split(create_balanced_dataset(spam_df), 0.7, 0.1)
    tokenizer = get_gpt2_tokenizer()
    train_dataset = SpamDataset(train_df, tokenizer)
    # Invariant: the longest training message is 120 tokens (§6.3).
    assert train_dataset.max_length == 120
    val_dataset = SpamDataset(val_df, tokenizer, max_length=train_dataset.max_length)
    x, y = val_dataset[0]
    # Invariant: every item has the training length; labels are 0 or 1 long tensors.
    assert x.shape == (120,) and x.dtype == torch.long and y.item() in (0, 1)


def test_balanced_dataset_samples_ham_with_seed_123():
    df = pd.DataFrame({"Label": ["ham"] * 20 + ["spam"] * 5, "Text": [f"m{i}" for i in range(25)]})
    a, b = create_balanced_dataset(df), create_balanced_dataset(df)
    # Invariant: deterministic (random_state=123) and balanced, ham rows distinct.
    assert a.equals(b) and a["Label"].value_counts().to_dict() == {"ham": 5, "spam": 5}
    assert a[a["Label"] == "ham"].index.is_unique
    # Invariant: the ham rows are a seeded random sample, not simply the first rows.
    assert list(a.index[:5]) == list(df[df["Label"] == "ham"].sample(5, random_state=123).index)


def test_spam_dataset_pads_at_the_end_and_truncates_long_messages():
    df = pd.DataFrame({"Text": ["abc", "abcdefgh", "a"], "Label": ["ham", 1, "spam"]})
    ds = SpamDataset(df, CharTokenizer())
    # Invariant: max_length=None pads to the longest message, with 50256 at the end.
    assert ds.max_length == 8
    assert ds[0][0].tolist() == [97, 98, 99] + [50256] * 5
    # Invariant: labels "ham"/"spam" and 0/1 map to class indices.
    assert [ds[i][1].item() for i in range(3)] == [0, 1, 1]
    short = SpamDataset(df, CharTokenizer(), max_length=4, pad_token_id=7)
    # Invariant: a given max_length keeps the FIRST tokens and pads with pad_token_id.
    assert short[1][0].tolist() == [97, 98, 99, 100]
    assert short[2][0].tolist() == [97, 7, 7, 7]
    with pytest.raises(ValueError, match="unknown label"):
        SpamDataset(pd.DataFrame({"Text": ["x"], "Label": ["eggs"]}), CharTokenizer())


# --- the model ----------------------------------------------------------------------------------


@pytest.mark.parametrize("trainable", ["last_layer", "last_block", "last_two_blocks", "all"])
def test_convert_to_classifier_freezes_the_right_parts(tiny_cfg, seed, trainable):
    model = convert_to_classifier(GPTModel({**tiny_cfg, "n_layers": 3}), 2, trainable)
    trainable_names = {n for n, p in model.named_parameters() if p.requires_grad}
    expected = {"out_head.weight", "out_head.bias"}
    if trainable in ("last_block", "last_two_blocks"):
        expected |= {n for n, _ in model.named_parameters() if n.startswith("final_norm")}
        blocks = [2] if trainable == "last_block" else [1, 2]
        expected |= {n for n, _ in model.named_parameters()
                     if any(n.startswith(f"trf_blocks.{b}.") for b in blocks)}
    if trainable == "all":
        expected = {n for n, _ in model.named_parameters()}
    # Invariant: exactly the chosen part trains; the new head always does.
    assert trainable_names == expected
    # Invariant: the head maps emb_dim to num_classes, with a bias (the book's nn.Linear).
    assert model.out_head.weight.shape == (2, 32) and model.out_head.bias.shape == (2,)
    n_train, n_total = count_trainable_parameters(model)
    # Invariant: the count is the sum over trainable tensors.
    assert n_train == sum(p.numel() for n, p in model.named_parameters() if n in expected)
    assert n_total == sum(p.numel() for p in model.parameters())
    with pytest.raises(ValueError, match="choose one of"):
        convert_to_classifier(model, 2, "everything")


def test_gpt2_small_trainable_count_matches_docstring():
    from llmscratch.model import model_config

    with torch.device("meta"):  # shapes only: no memory, no time
        model = GPTModel(model_config("gpt2-small", qkv_bias=True))
        convert_to_classifier(model, 2, "last_block")
    # Invariant: the numbers quoted in convert_to_classifier's docstring.
    assert count_trainable_parameters(model) == (7_090_946, 124_441_346)


def test_pooled_classifier_picks_last_first_or_mean():
    inner = FixedLogits()
    x = torch.tensor([[3, 4, 50256, 50256], [4, 4, 5, 50256]])
    full = inner(x)
    # Invariant: "last"/"first" select one position, kept as a length-1 token axis.
    assert torch.equal(PooledClassifier(inner, "last")(x), full[:, -1:, :])
    assert torch.equal(PooledClassifier(inner, "first")(x), full[:, :1, :])
    mean = PooledClassifier(inner, "mean")(x)
    # Invariant: "mean" averages over real tokens only (padding excluded).
    assert torch.allclose(mean[0, 0], full[0, :2].mean(0)) and mean.shape == (2, 1, 2)
    assert torch.allclose(mean[1, 0], full[1, :3].mean(0))
    with pytest.raises(ValueError, match="choose one of"):
        PooledClassifier(inner, "middle")


# --- loss, accuracy, training -------------------------------------------------------------------


def test_accuracy_and_loss_read_the_last_token():
    # first tokens all vote spam (odd), last tokens vote by their parity
    x = torch.tensor([[1, 2], [1, 3], [1, 4], [1, 5], [1, 6]])
    y = torch.tensor([0, 1, 1, 1, 0])  # last-token predictions: 0 1 0 1 0 -> 4 of 5 right
    loader = DataLoader(TensorDataset(x, y), batch_size=2)
    model = FixedLogits()
    # Invariant: accuracy counts argmax over classes of the last token, over all examples.
    assert calc_accuracy_loader(loader, model, "cpu") == pytest.approx(0.8)
    # Invariant: num_batches limits the batches read (first 2 batches: 3 of 4 right).
    assert calc_accuracy_loader(loader, model, "cpu", num_batches=2) == pytest.approx(0.75)
    expected = torch.nn.functional.cross_entropy(model(x[:2])[:, -1, :], y[:2])
    # Invariant: the loss is cross-entropy on the last token's logits.
    assert calc_loss_batch(x[:2], y[:2], model, "cpu").item() == pytest.approx(expected.item())
    # Invariant: empty loaders give nan rather than dividing by zero.
    empty = DataLoader(TensorDataset(x[:0], y[:0]), batch_size=2)
    assert math.isnan(calc_accuracy_loader(empty, model, "cpu"))
    assert math.isnan(calc_loss_loader(empty, model, "cpu"))


def _separable_loaders(n=32, length=6):
    g = torch.Generator().manual_seed(0)
    y = torch.randint(0, 2, (n,), generator=g)
    x = torch.randint(10, 500, (n, length), generator=g)
    x[:, 0] = torch.where(y == 1, 7, 8)  # the label is in the first token; last must attend to it
    ds = TensorDataset(x, y)
    return DataLoader(ds, batch_size=8, shuffle=True, generator=g), DataLoader(ds, batch_size=8)


def test_train_classifier_simple_learns_and_reports(tiny_cfg, seed, capsys):
    model = convert_to_classifier(GPTModel({**tiny_cfg, "vocab_size": 512}), 2, "all")
    train_loader, val_loader = _separable_loaders()
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=0.1)
    before = calc_loss_loader(val_loader, model, "cpu")
    out = train_classifier_simple(model, train_loader, val_loader, optimizer, "cpu",
                                  num_epochs=6, eval_freq=2, eval_iter=2)
    train_losses, val_losses, train_accs, val_accs, examples_seen = out
    # Invariant: one accuracy per epoch, one loss per eval_freq steps, examples counted.
    assert len(train_accs) == len(val_accs) == 6
    assert len(train_losses) == len(val_losses) == 12  # 24 steps / eval_freq 2
    assert examples_seen == 6 * 32
    # Invariant: training on a separable task lowers the loss and gets it right.
    assert calc_loss_loader(val_loader, model, "cpu") < before / 2
    assert calc_accuracy_loader(val_loader, model, "cpu") == 1.0
    assert "Validation accuracy" in capsys.readouterr().out


def test_fused_and_plain_adamw_give_the_same_weights(tiny_cfg):
    results = []
    for fused in (False, True):
        torch.manual_seed(123)
        model = convert_to_classifier(GPTModel(tiny_cfg), 2, "all")
        optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.1, fused=fused)
        for x, y in _separable_loaders()[1]:
            optimizer.zero_grad()
            calc_loss_batch(x, y, model, "cpu").backward()
            optimizer.step()
        results.append(torch.cat([p.detach().flatten() for p in model.parameters()]))
    # Invariant: fused AdamW changes speed, not results (beyond float rounding).
    assert torch.allclose(results[0], results[1], atol=1e-6, rtol=1e-5)


# --- using the classifier -----------------------------------------------------------------------


def test_classify_review_pads_truncates_and_names_the_class():
    model = FixedLogits(context_length=6)
    tokenizer = CharTokenizer()
    # "c" is 99 (odd -> spam); padding 50256 is even -> not spam
    assert classify_review("c", model, tokenizer, "cpu") == "spam"
    # Invariant: padded to max_length with pad_token_id, so the last token is padding.
    assert classify_review("c", model, tokenizer, "cpu", max_length=4) == "not spam"
    assert model.calls[-1].tolist() == [[99, 50256, 50256, 50256]]
    # Invariant: long texts keep their first tokens, at most the model's context length.
    classify_review("abcdefghij", model, tokenizer, "cpu", max_length=20, pad_token_id=1)
    assert model.calls[-1].tolist() == [[97, 98, 99, 100, 101, 102]]


def test_save_and_load_classifier_round_trip(tiny_cfg, seed, tmp_path):
    model = PooledClassifier(convert_to_classifier(GPTModel(tiny_cfg), 2, "last_block"), "mean")
    path = save_classifier(tmp_path / "clf.pt", model, tiny_cfg, max_length=12)
    loaded, cfg, settings = load_classifier(path)
    x = torch.randint(0, 50257, (3, 12))
    # Invariant: the reloaded classifier gives the same outputs and remembers its settings.
    assert torch.allclose(loaded(x), model.eval()(x), atol=1e-6)
    assert settings["token"] == "mean" and settings["max_length"] == 12 and cfg == tiny_cfg
    # Invariant: no temporary file is left beside the checkpoint.
    assert [p.name for p in tmp_path.iterdir()] == ["clf.pt"]
    (tmp_path / "bad.pt").write_bytes(b"not a checkpoint")
    # Invariant: a file that is not a checkpoint is refused with a clear CheckpointError.
    with pytest.raises(CheckpointError, match="not a checkpoint this project wrote"):
        load_classifier(tmp_path / "bad.pt")


# --- download -----------------------------------------------------------------------------------


@pytest.fixture
def zip_server(data_dir, tmp_path):
    """Serve a good zip, a corrupt zip and a 404 on 127.0.0.1; yield the base URL."""
    served = tmp_path / "served"
    served.mkdir()
    real = (data_dir / "sms-spam-collection" / "SMSSpamCollection").read_bytes()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("SMSSpamCollection", real)
        zf.writestr("readme", "the UCI zip has a readme too")
    (served / "good.zip").write_bytes(buf.getvalue())
    (served / "corrupt.zip").write_bytes(b"PK\x03\x04 this is not really a zip" * 10)
    handler = functools.partial(_QuietHandler, directory=str(served))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", real
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def offline_env(monkeypatch, tmp_path):
    """No data dir and an empty cache, so the download code really runs."""
    monkeypatch.delenv("LLMSCRATCH_DATA_DIR", raising=False)
    monkeypatch.setenv("LLMSCRATCH_CACHE_DIR", str(tmp_path / "empty-cache"))


def _paths(folder):
    return folder / "spam.zip", folder / "extracted", folder / "extracted" / "SMS.tsv"


def test_download_success_and_mirror_fallback(zip_server, offline_env, tmp_path):
    base, real = zip_server
    for name, urls in [("direct", f"{base}/good.zip"),
                       ("mirror", [f"{base}/missing.zip", f"{base}/good.zip"])]:
        zip_path, extracted, data_file = _paths(tmp_path / name)
        got = download_and_unzip_spam_data(urls, zip_path, extracted, data_file, progress=False)
        # Invariant: the extracted member lands at data_file_path, byte for byte.
        assert got == data_file and data_file.read_bytes() == real
        # Invariant: nothing else is left behind (no zip, no temporary folder).
        assert sorted(p.name for p in extracted.iterdir()) == ["SMS.tsv"]


def test_download_corrupt_zip_gives_clear_error_and_no_files(zip_server, offline_env, tmp_path):
    base, _ = zip_server
    zip_path, extracted, data_file = _paths(tmp_path)
    with pytest.raises(AssetError) as err:
        download_and_unzip_spam_data([f"{base}/corrupt.zip", f"{base}/missing.zip"], zip_path,
                                     extracted, data_file, progress=False)
    # Invariant: the error names every URL tried and why it failed.
    assert "corrupt.zip" in str(err.value) and "not a valid zip" in str(err.value)
    assert "missing.zip" in str(err.value) and "not found" in str(err.value).lower()
    # Invariant: a failed download leaves no partial file.
    assert not data_file.exists() and list(extracted.iterdir()) == []


def test_offline_copy_from_data_dir_needs_no_network(data_dir, tmp_path, capsys):
    zip_path, extracted, data_file = _paths(tmp_path)
    closed_port = "http://127.0.0.1:9/never-contacted.zip"
    got = download_and_unzip_spam_data(closed_port, zip_path, extracted, data_file)
    # Invariant: with LLMSCRATCH_DATA_DIR set, the verified local copy is used.
    assert got.read_bytes() == (data_dir / "sms-spam-collection" / "SMSSpamCollection").read_bytes()
    download_and_unzip_spam_data(closed_port, zip_path, extracted, data_file)
    # Invariant: an existing data file is kept and reported.
    assert "Skipping download" in capsys.readouterr().out
