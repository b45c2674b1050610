"""Chapter 6: finetuning a GPT model to sort SMS messages into spam and not spam.

Book: chapter 6 (§6.2-§6.8); notebook: ``ch06_classification/ch06.ipynb``; scripts:
``ch06_classification/finetune_classifier.py`` (train) and ``classify.py`` (use).

Inside, in chapter order: the data (``download_and_unzip_spam_data``, ``load_spam_data``,
``create_balanced_dataset``, ``random_split``, ``SpamDataset``); the model
(``convert_to_classifier``: a new output head, all frozen but the part you choose;
``count_trainable_parameters``; ``PooledClassifier``: classify from the first or mean token);
training (``calc_accuracy_loader``, ``calc_loss_batch``, ``calc_loss_loader``, ``evaluate_model``,
``train_classifier_simple``); use (``classify_review``; ``save_classifier`` /
``load_classifier``: a classifier with its GPT config and the settings needed to use it, on top
of chapter 5's checkpoints). Two helpers for a learner's own files and text, also used by
chapter 7: ``read_utf8_text`` (a binary or non-UTF-8 file named with its line) and
``encode_plain_text`` (``<|endoftext|>`` inside a message is text, not the special token).

``calc_loss_batch``, ``calc_loss_loader`` and ``evaluate_model`` keep the book's chapter-6 names,
which are also chapter 5's; these versions read the LAST token only, so they are not exported
at the top level: ``from llmscratch.classification import calc_loss_batch``.

Differences from the book, none of which changes a number it prints:
- the download goes through ``llmscratch.assets`` (the UCI zip with a mirror, a temporary name,
  a sha256 check) and uses ``$LLMSCRATCH_DATA_DIR`` or the user cache first, so it works offline;
- ``SpamDataset`` also takes a DataFrame and the labels "ham"/"spam";
- ``classify_review`` with ``max_length=None`` truncates to the model's context and does not pad
  (the book's version fails there), and empty loaders give ``nan`` accuracy instead of an error.

Tests: ``python -m pytest tests/ch06 -q``. At about 530 lines this module runs past our 400-line
guide on purpose: it keeps all of chapter 6 in the book's order in one file, with the checks
that name the file and line of a bad spam file (``tests/ch06/test_spam_files.py``).
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from pathlib import Path

import torch
from torch import nn
from torch.utils.data import Dataset

from llmscratch.checkpoints import CheckpointError, load_checkpoint, save_checkpoint
from llmscratch.generation import encode_plain_text  # messages are plain text
from llmscratch.training import mean_batch_loss

LABELS = {"ham": 0, "spam": 1}  # the class index of each label; out_head row 1 means spam
TRAINABLE_PARTS = ("last_layer", "last_block", "last_two_blocks", "all")
TOKEN_CHOICES = ("last", "first", "mean")


# --- data (§6.2-§6.3) ---------------------------------------------------------------------------


def download_and_unzip_spam_data(url, zip_path, extracted_path, data_file_path, progress=True):
    """Make sure the SMS Spam Collection is at ``data_file_path`` and return that Path.

    Order: an existing ``data_file_path`` is kept; else a verified copy from
    ``$LLMSCRATCH_DATA_DIR/sms-spam-collection/SMSSpamCollection`` or the user cache is copied
    there; else the UCI zip is downloaded from ``url`` (a string, tried before the manifest's
    mirror, or a list of URLs tried in order), checked and extracted. ``zip_path`` is kept for the
    book's signature: the archive lives under a temporary name beside ``data_file_path`` and is
    deleted once its one member is out. A failure raises ``llmscratch.assets.AssetError`` naming
    each URL and why it failed, and leaves no partial file behind.

    Book: §6.2; notebook: ch06_classification/ch06.ipynb
    """
    from llmscratch.assets import ASSETS, fetch_asset, find_asset, get_asset_path

    data_file_path = Path(data_file_path)
    if data_file_path.is_file():
        print(f"{data_file_path} already exists. Skipping download and extraction.")
        return data_file_path
    Path(extracted_path).mkdir(parents=True, exist_ok=True)
    data_file_path.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".spam-download-", dir=data_file_path.parent))
    try:
        source = find_asset("sms-spam-collection")  # a local copy: data dir or cache
        if source is not None:
            got = staging / "SMSSpamCollection"
            shutil.copyfile(get_asset_path("sms-spam-collection", download=False), got)
        else:
            if isinstance(url, (str, Path)):  # the given URL first, then the manifest's
                urls = [str(url)] + [u for u in ASSETS["sms-spam-collection"].urls if u != url]
            else:  # an explicit list means exactly these URLs
                urls = [str(u) for u in url]
            got = fetch_asset("sms-spam-collection", dest_dir=staging, urls=urls,
                              progress=progress)
        os.replace(got, data_file_path)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    how = f"copied from {source}" if source is not None else "downloaded"
    print(f"File {how} and saved as {data_file_path}")
    return data_file_path


def load_spam_data(data_file_path=None):
    """Read the tab-separated SMS file into a DataFrame with columns ``Label`` and ``Text``.

    ``data_file_path=None`` finds the file through ``llmscratch.assets`` (data dir, cache, else a
    download). Read the book's way (pandas' default quoting), which gives 4,825 ham and 747 spam
    rows: one message starts with a quotation mark, so pandas reads the next two lines into it.
    The file is checked first, so a bad one fails with its name and line instead of giving a
    wrong table: text that is not UTF-8, a line whose label is not "ham" or "spam" ("line 7:
    unknown label 'hma'"), a line without a message, a second tab in a line, no lines at all.

    Book: §6.2; notebook: ch06_classification/ch06.ipynb
    """
    import pandas as pd

    if data_file_path is None:
        from llmscratch.assets import get_asset_path

        data_file_path = get_asset_path("sms-spam-collection")
    text = read_utf8_text(data_file_path, SPAM_FILE_FORMAT)
    _check_spam_lines(text, data_file_path)
    df = pd.read_csv(io.StringIO(text), sep="\t", header=None, names=["Label", "Text"])
    empty = [i for i, t in enumerate(df["Text"]) if not isinstance(t, str) or not t.strip()]
    if empty:  # only quoting can do this: the lines themselves were checked above
        raise ValueError(f"{data_file_path}: message {empty[0]} has no text once read (a quotation "
                         "mark at the start of a message joins or empties lines)")
    return df


SPAM_FILE_FORMAT = "UTF-8 text with one message per line: 'ham' or 'spam', a tab, the message"


def _check_spam_lines(text, path):
    """Every non-blank line is a label of ``LABELS``, one tab and a message; at least one."""
    count = 0
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue  # pandas skips blank lines too
        label, _, message = line.partition("\t")
        if label not in LABELS:
            raise ValueError(f"{path}, line {number}: unknown label {label!r:.40}; expected "
                             f"{SPAM_FILE_FORMAT}")
        if not message.strip():
            raise ValueError(f"{path}, line {number}: no message after the label {label!r}; "
                             f"expected {SPAM_FILE_FORMAT}")
        if "\t" in message:
            raise ValueError(f"{path}, line {number}: a second tab inside the message; expected "
                             f"{SPAM_FILE_FORMAT}")
        count += 1
    if not count:
        raise ValueError(f"{path}: no messages; expected {SPAM_FILE_FORMAT}")


def create_balanced_dataset(df):
    """Keep every spam row and as many randomly chosen ham rows (``random_state=123``).

    On the full file: 4,825 ham + 747 spam -> 747 ham + 747 spam = 1,494 rows, ham first.

    Book: §6.2; notebook: ch06_classification/ch06.ipynb
    """
    import pandas as pd

    num_spam = (df["Label"] == "spam").sum()
    ham_subset = df[df["Label"] == "ham"].sample(num_spam, random_state=123)
    return pd.concat([ham_subset, df[df["Label"] == "spam"]])


def random_split(df, train_frac, validation_frac):
    """Shuffle the rows (``random_state=123``) and cut them into train, validation and test.

    The fractions are of ``len(df)``, rounded down; the test set gets the rest. For the balanced
    1,494 rows, ``random_split(df, 0.7, 0.1)`` gives 1,045 / 149 / 300 rows.

    Book: §6.2; notebook: ch06_classification/ch06.ipynb
    """
    df = df.sample(frac=1, random_state=123).reset_index(drop=True)
    train_end = int(len(df) * train_frac)
    validation_end = train_end + int(len(df) * validation_frac)
    return df[:train_end], df[train_end:validation_end], df[validation_end:]


class SpamDataset(Dataset):
    """Token ids of each message, all padded (or cut) to one length, with the 0/1 label.

    ``csv_file`` is a CSV path (or a DataFrame) with columns ``Text`` and ``Label`` (0/1, or
    "ham"/"spam"). ``max_length=None`` pads to the longest message (120 tokens for the book's
    training split); an int pads to it and keeps only the FIRST ``max_length`` tokens of longer
    messages. Padding uses ``pad_token_id`` (50256, ``<|endoftext|>``) at the end.
    ``dataset[i]`` is ``(input_ids (max_length,), label ())``, both ``torch.long``.

    >>> SpamDataset("train.csv", tokenizer).max_length
    120

    Book: §6.3; notebook: ch06_classification/ch06.ipynb
    """

    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        import pandas as pd

        if isinstance(csv_file, pd.DataFrame):
            self.data, source = csv_file, "the DataFrame"
        else:
            text = read_utf8_text(csv_file, "a CSV file with columns Text and Label")
            self.data, source = pd.read_csv(io.StringIO(text)), csv_file
        missing = [c for c in ("Text", "Label") if c not in self.data.columns]
        if missing:
            raise ValueError(f"{source} has no column(s) {missing}; it has "
                             f"{list(self.data.columns)}")
        self.labels = [_label_index(label, source, i) for i, label in
                       enumerate(self.data["Label"])]
        self.encoded_texts = []
        for i, text in enumerate(self.data["Text"]):
            if not isinstance(text, str):
                raise ValueError(f"{source}: row {i} has no message text (Text is {text!r})")
            self.encoded_texts.append(encode_plain_text(tokenizer, text))
        if max_length is None:
            self.max_length = self._longest_encoded_length()
        else:
            self.max_length = max_length
            # keep the start of long messages
            self.encoded_texts = [ids[: self.max_length] for ids in self.encoded_texts]
        self.encoded_texts = [
            ids + [pad_token_id] * (self.max_length - len(ids)) for ids in self.encoded_texts
        ]

    def __getitem__(self, index):
        encoded = self.encoded_texts[index]
        label = self.labels[index]
        return torch.tensor(encoded, dtype=torch.long), torch.tensor(label, dtype=torch.long)

    def __len__(self):
        return len(self.data)

    def _longest_encoded_length(self):
        return max((len(ids) for ids in self.encoded_texts), default=0)


def _label_index(label, source="the data", row=None):
    """The class index of "ham"/"spam" or 0/1; anything else names its row and the choices."""
    if isinstance(label, str) and label in LABELS:
        return LABELS[label]
    if not isinstance(label, str) and label in (0, 1):  # ints, numpy ints, 0.0/1.0 (NaN is not)
        return int(label)
    where = f"{source}: row {row}" if row is not None else source
    raise ValueError(f"{where}: unknown label {label!r:.40}; expected 'ham', 'spam', 0 or 1")


# --- reading a learner's files and text (chapters 6 and 7) --------------------------------------


def read_utf8_text(path, expected):
    """The text of the file ``path``, or a ``ValueError`` that names the file and the line.

    A NUL byte means a binary file; bytes that are not UTF-8 (a Latin-1 "café" is ``63 61 66
    e9``) name the line and the byte. ``expected`` describes the file the caller wanted, for the
    message. A UTF-8 byte-order mark at the start is dropped. Used by ``load_spam_data``,
    ``SpamDataset`` and chapter 7's ``read_json_records``.
    """
    raw = Path(path).read_bytes()
    if b"\0" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\0")) + 1
        raise ValueError(f"{path}, line {line}: a NUL byte, so this looks like a binary file; "
                         f"expected {expected}")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise ValueError(f"{path}, line {line}: byte 0x{raw[err.start]:02x} is not UTF-8 (the "
                         f"encoding we read); expected {expected}. Save the file as UTF-8 "
                         "(for example from a Latin-1 file: iconv -f latin1 -t utf-8)") from None


# --- the model (§6.4-§6.5) ----------------------------------------------------------------------


def convert_to_classifier(model, num_classes=2, trainable="last_block"):
    """Give a ``GPTModel`` a fresh ``num_classes`` output head and freeze all but ``trainable``.

    ``trainable`` is one of ``TRAINABLE_PARTS``: "last_layer" (the new head only),
    "last_block" (head + final_norm + the last transformer block: the book's choice),
    "last_two_blocks", or "all". The new head is ``nn.Linear(emb_dim, num_classes)`` with a bias,
    created after freezing so it always trains. Changes ``model`` in place and returns it.
    For GPT-2 small with "last_block": 7,090,946 of 124,441,346 parameters train.

    Book: §6.5; notebook: ch06_classification/ch06.ipynb
    """
    if trainable not in TRAINABLE_PARTS:
        raise ValueError(f"trainable={trainable!r}: choose one of {TRAINABLE_PARTS}")
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    old_head = model.out_head
    model.out_head = nn.Linear(old_head.in_features, num_classes).to(
        device=old_head.weight.device, dtype=old_head.weight.dtype
    )
    num_blocks = {"last_block": 1, "last_two_blocks": 2}.get(trainable, 0)
    if num_blocks:
        for module in [*model.trf_blocks[-num_blocks:], model.final_norm]:
            for param in module.parameters():
                param.requires_grad = True
    return model


def count_trainable_parameters(model):
    """``(trainable, total)`` parameter counts, e.g. ``(7090946, 124441346)`` (see above)."""
    params = {id(p): p for p in model.parameters()}.values()  # shared tensors once
    return sum(p.numel() for p in params if p.requires_grad), sum(p.numel() for p in params)


class PooledClassifier(nn.Module):
    """Wrap a classifier so it predicts from the "last", "first" or "mean" token.

    The chapter's functions read ``model(x)[:, -1, :]``. This wrapper returns one position,
    ``(batch, 1, num_classes)``, computed from the chosen token(s) of the inner model's
    ``(batch, num_tokens, num_classes)`` output, so those functions work unchanged. "mean"
    averages over the message's tokens, skipping ``pad_token_id``. With causal attention the
    first token has seen only itself, which is why "first" classifies poorly.

    Book: exercise 6.3 and the chapter-6 bonus experiments; notebook: ch06_classification/ch06.ipynb
    """

    def __init__(self, model, token="last", pad_token_id=50256):
        super().__init__()
        if token not in TOKEN_CHOICES:
            raise ValueError(f"token={token!r}: choose one of {TOKEN_CHOICES}")
        self.model, self.token, self.pad_token_id = model, token, pad_token_id

    @property
    def pos_emb(self):  # classify_review reads the context length from here
        return self.model.pos_emb

    def forward(self, in_idx):
        logits = self.model(in_idx)  # (batch, num_tokens, num_classes)
        if self.token == "last":
            return logits[:, -1:, :]
        if self.token == "first":
            return logits[:, :1, :]
        mask = (in_idx != self.pad_token_id).unsqueeze(-1).to(logits.dtype)  # (batch, tokens, 1)
        summed = (logits * mask).sum(dim=1, keepdim=True)
        return summed / mask.sum(dim=1, keepdim=True).clamp(min=1.0)  # (batch, 1, num_classes)


# --- loss, accuracy and training (§6.6-§6.7) ----------------------------------------------------


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    """Fraction of examples whose argmax over the last token's class logits equals the label.

    Uses the first ``num_batches`` batches (all when None) and puts the model in eval mode.
    Returns a float in [0, 1], ``nan`` for an empty loader.

    Book: §6.6; notebook: ch06_classification/ch06.ipynb
    """
    model.eval()
    correct_predictions, num_examples = 0, 0
    num_batches = len(data_loader) if num_batches is None else min(num_batches, len(data_loader))
    for i, (input_batch, target_batch) in enumerate(data_loader):
        if i >= num_batches:
            break
        input_batch, target_batch = input_batch.to(device), target_batch.to(device)
        with torch.no_grad():
            logits = model(input_batch)[:, -1, :]  # (batch, num_classes): last token only
        predicted_labels = torch.argmax(logits, dim=-1)  # (batch,)
        num_examples += predicted_labels.shape[0]
        correct_predictions += (predicted_labels == target_batch).sum().item()
    return correct_predictions / num_examples if num_examples else float("nan")


def calc_loss_batch(input_batch, target_batch, model, device):
    """Cross-entropy of the last token's class logits ``(batch, num_classes)`` vs the labels.

    Book: §6.6; notebook: ch06_classification/ch06.ipynb
    """
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)[:, -1, :]  # (batch, num_classes)
    return torch.nn.functional.cross_entropy(logits, target_batch)


def calc_loss_loader(data_loader, model, device, num_batches=None):
    """Mean of ``calc_loss_batch`` over the first ``num_batches`` batches (``nan`` if empty).

    Book: §6.6; notebook: ch06_classification/ch06.ipynb
    """
    return mean_batch_loss(
        data_loader, lambda x, y: calc_loss_batch(x, y, model, device), num_batches
    )


def evaluate_model(model, train_loader, val_loader, device, eval_iter):
    """``(train_loss, val_loss)`` over ``eval_iter`` batches each, in eval mode, no gradients.

    Book: §6.7; notebook: ch06_classification/ch06.ipynb
    """
    model.eval()
    with torch.no_grad():
        train_loss = calc_loss_loader(train_loader, model, device, num_batches=eval_iter)
        val_loss = calc_loss_loader(val_loader, model, device, num_batches=eval_iter)
    model.train()
    return train_loss, val_loss


def train_classifier_simple(
    model, train_loader, val_loader, optimizer, device, num_epochs, eval_freq, eval_iter
):
    """Finetune ``model`` on the last-token loss; print losses and accuracies as it goes.

    Every ``eval_freq`` steps it records the train and validation loss (``eval_iter`` batches
    each); after every epoch the train and validation accuracy (``eval_iter`` batches).
    Returns ``(train_losses, val_losses, train_accs, val_accs, examples_seen)``.

    Book: §6.7; notebook: ch06_classification/ch06.ipynb
    """
    train_losses, val_losses, train_accs, val_accs = [], [], [], []
    examples_seen, global_step = 0, -1
    for epoch in range(num_epochs):
        model.train()
        for input_batch, target_batch in train_loader:
            optimizer.zero_grad()
            loss = calc_loss_batch(input_batch, target_batch, model, device)
            loss.backward()
            optimizer.step()
            examples_seen += input_batch.shape[0]  # counts messages, not tokens
            global_step += 1
            if global_step % eval_freq == 0:
                train_loss, val_loss = evaluate_model(model, train_loader, val_loader, device,
                                                      eval_iter)
                train_losses.append(train_loss)
                val_losses.append(val_loss)
                print(f"Ep {epoch + 1} (Step {global_step:06d}): "
                      f"Train loss {train_loss:.3f}, Val loss {val_loss:.3f}")
        train_accuracy = calc_accuracy_loader(train_loader, model, device, num_batches=eval_iter)
        val_accuracy = calc_accuracy_loader(val_loader, model, device, num_batches=eval_iter)
        print(f"Training accuracy: {train_accuracy * 100:.2f}% | ", end="")
        print(f"Validation accuracy: {val_accuracy * 100:.2f}%")
        train_accs.append(train_accuracy)
        val_accs.append(val_accuracy)
    return train_losses, val_losses, train_accs, val_accs, examples_seen


# --- using the classifier (§6.8) ----------------------------------------------------------------


def classify_review(text, model, tokenizer, device, max_length=None, pad_token_id=50256):
    """Return "spam" or "not spam" for one message, prepared like the training data.

    The token ids are cut to ``max_length`` (and to the model's context length), then padded to
    ``max_length`` with ``pad_token_id``; pass the training set's ``max_length`` (120 in the book)
    so the last position looks like it did in training. ``max_length=None`` does not pad.

    >>> classify_review("You are a winner! Claim your $1000 cash prize now.", model, tokenizer,
    ...                 device, max_length=120)  # with the book's finetuned GPT-2 small
    'spam'

    Book: §6.8; notebook: ch06_classification/ch06.ipynb
    """
    model.eval()
    input_ids = encode_plain_text(tokenizer, text)  # "<|endoftext|>" in a message is plain text
    supported_context_length = model.pos_emb.weight.shape[0]
    limit = supported_context_length if max_length is None else min(max_length,
                                                                     supported_context_length)
    input_ids = input_ids[:limit]
    if max_length is not None:
        input_ids += [pad_token_id] * (limit - len(input_ids))
    input_tensor = torch.tensor(input_ids, device=device).unsqueeze(0)  # (1, num_tokens)
    with torch.no_grad():
        logits = model(input_tensor)[:, -1, :]  # (1, num_classes)
    predicted_label = torch.argmax(logits, dim=-1).item()
    return "spam" if predicted_label == 1 else "not spam"


# --- saving and loading a classifier (Book §6.8) -------------------------------------------


def save_classifier(path, model, cfg, **settings):
    """Save a classifier's weights, GPT config and the ``settings`` needed to use it again.

    A ``PooledClassifier`` is unwrapped: its inner model's ``state_dict`` (book keys) is saved
    and its ``token`` joins ``settings`` (typically also ``max_length``, ``trainable``).
    Uses ``save_checkpoint`` (temporary name, then rename); the config and settings go into its
    ``extra``.

    Book: §6.8; notebook: ch06_classification/ch06.ipynb
    """
    if isinstance(model, PooledClassifier):
        settings.setdefault("token", model.token)
        settings.setdefault("pad_token_id", model.pad_token_id)
        model = model.model
    settings.setdefault("num_classes", model.out_head.out_features)
    return save_checkpoint(path, model, extra={"config": dict(cfg), "classifier": settings})


def load_classifier(path, device="cpu"):
    """Rebuild a classifier saved by ``save_classifier``; returns ``(model, cfg, settings)``.

    The model is in eval mode on ``device``, wrapped in ``PooledClassifier`` when the saved
    ``token`` is not "last"; LoRA adapters are re-created when ``settings["lora_rank"]`` is set.
    A damaged file or one without a classifier config raises ``CheckpointError``.

    Book: §6.8; notebook: ch06_classification/ch06.ipynb
    """
    from llmscratch.model import GPTModel

    data = load_checkpoint(path, restore_rng=False)
    extra = data["extra"]
    if "config" not in extra or "classifier" not in extra:
        raise CheckpointError(f"{path} is not a classifier (it holds no classifier settings): "
                              "use a classifier.pt written by finetune_classifier.py or "
                              "save_classifier; a GPT checkpoint goes to chat.py or "
                              "generate_text.py")
    cfg, settings = extra["config"], extra["classifier"]
    model = GPTModel(cfg)
    model.out_head = nn.Linear(cfg["emb_dim"], settings.get("num_classes", 2))
    if settings.get("lora_rank"):
        from llmscratch.lora import replace_linear_with_lora

        replace_linear_with_lora(model, rank=settings["lora_rank"], alpha=settings["lora_alpha"])
    try:
        model.load_state_dict(data["model_state_dict"])
    except RuntimeError as err:
        raise CheckpointError(f"{path} does not fit the saved config: {err}") from err
    if settings.get("token", "last") != "last":
        model = PooledClassifier(model, settings["token"], settings.get("pad_token_id", 50256))
    return model.to(device).eval(), cfg, settings
