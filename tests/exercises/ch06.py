"""Checks for the chapter 6 exercises (finetuning a GPT model as a spam classifier).

Each check gets the entry point loaded from the file under test and raises ``CheckFailure`` with a
message that says what is wrong, how far off, and the likely cause. Expected values come from
``llmscratch.classification`` (the verified reference), from pandas itself and from small fake
models whose outputs are known exactly, so every check runs in well under a second.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import torch
from torch.utils.data import DataLoader, TensorDataset

from llmscratch.checking import CheckFailure, Exercise, assert_close

PAD = 50256


class CharTokenizer:
    """One token per character (its code point), so lengths are easy to follow."""

    def encode(self, text):
        return [ord(c) for c in text]


class ParityModel(torch.nn.Module):
    """A fake classifier: at every position, odd token ids vote spam (1), even ids vote ham (0).

    Output ``(batch, num_tokens, 2)``; the vote's size grows with the id, so the two classes are
    never tied. It records every input it is called with in ``self.calls``.
    """

    def __init__(self, context_length=32):
        super().__init__()
        self.pos_emb = torch.nn.Embedding(context_length, 4)  # only its shape is read
        self.calls = []

    def forward(self, in_idx):
        self.calls.append(in_idx.detach().clone())
        spam = (in_idx % 2).float()
        strength = 1.0 + in_idx.float() / 100.0
        return torch.stack([(1 - spam) * strength, spam * strength], dim=-1)


def _tiny_gpt(n_layers=3):
    from llmscratch import GPTModel

    torch.manual_seed(123)
    return GPTModel({"vocab_size": 100, "context_length": 8, "emb_dim": 16, "n_heads": 2,
                     "n_layers": n_layers, "drop_rate": 0.0, "qkv_bias": False})


# --- ex6_1: the balanced dataset ------------------------------------------------------------------


def check_balanced_dataset(impl):
    labels = ["ham"] * 30 + ["spam"] * 6
    labels[3], labels[31] = "spam", "ham"  # spam is not all at the end
    df = pd.DataFrame({"Label": labels, "Text": [f"message {i}" for i in range(36)]})
    state = np.random.get_state()
    np.random.seed(0)  # so that an unseeded .sample() cannot match seed 123 by luck
    try:
        got = impl(df.copy())
    finally:
        np.random.set_state(state)
    if not isinstance(got, pd.DataFrame):
        raise CheckFailure(f"create_balanced_dataset returned a {type(got).__name__}; return a "
                           "DataFrame (pd.concat of the ham and spam rows)")
    counts = got["Label"].value_counts().to_dict()
    if counts != {"ham": 6, "spam": 6}:
        raise CheckFailure(f"the result has {counts}; with 6 spam messages it should keep all 6 "
                           "spam rows and exactly 6 ham rows. Did you sample from the whole "
                           "frame instead of from the ham rows only?")
    spam_rows = set(df.index[df["Label"] == "spam"])
    if set(got.index[got["Label"] == "spam"]) != spam_rows:
        raise CheckFailure("some spam rows are missing or repeated: keep every spam row as it is")
    ham = set(got.index[got["Label"] == "ham"])
    first_ham = set(df.index[df["Label"] == "ham"][:6])
    expected = set(df[df["Label"] == "ham"].sample(6, random_state=123).index)
    if ham == first_ham and ham != expected:
        raise CheckFailure("you kept the first 6 ham rows; take a random sample instead "
                           "(.sample(num_spam, random_state=123)), or the balanced set "
                           "reflects whatever order the file happens to have")
    if ham != expected:
        raise CheckFailure(f"the ham rows {sorted(ham)} are not the ones "
                           f".sample(6, random_state=123) picks ({sorted(expected)}): use that "
                           "seed on the ham rows so everyone gets the same data set")


# --- ex6_2: the dataset's padding and truncation ----------------------------------------------


def check_spam_dataset(impl):
    texts = ["hi", "hello there", "yo"]
    df = pd.DataFrame({"Text": texts, "Label": [0, 1, 0]})
    with tempfile.TemporaryDirectory() as folder:
        csv = Path(folder) / "train.csv"
        df.to_csv(csv, index=None)
        tok = CharTokenizer()
        full = impl(csv, tok)
        if full.max_length != 11:
            raise CheckFailure(f"max_length is {full.max_length}; with max_length=None it "
                               "should be the longest encoded message, 11 tokens")
        if len(full) != 3:
            raise CheckFailure(f"len(dataset) is {len(full)}, expected 3 (one item per row)")
        x, y = full[0]
        expected = tok.encode("hi") + [PAD] * 9
        if not torch.is_tensor(x) or x.dtype != torch.long:
            raise CheckFailure("each item's input must be a torch.long tensor of token ids")
        if x.tolist() != expected:
            raise CheckFailure(f"dataset[0] input is {x.tolist()}, expected {expected}: the "
                               f"message comes first, then pad_token_id ({PAD}) up to "
                               "max_length")
        if not torch.is_tensor(y) or y.dtype != torch.long or y.item() != 0:
            raise CheckFailure(f"dataset[0] label is {y!r}; expected tensor(0) as torch.long")
        custom = impl(csv, tok, max_length=5, pad_token_id=7)
        x1, y1 = custom[1]
        if x1.tolist() == tok.encode("hello there")[-5:]:
            raise CheckFailure("with max_length=5, 'hello there' became 'there': you kept the "
                               "END of the message; keep its first max_length tokens")
        if x1.tolist() != tok.encode("hello") or y1.item() != 1:
            raise CheckFailure(f"with max_length=5, dataset[1] is {x1.tolist()}, label "
                               f"{y1.item()}; expected {tok.encode('hello')} and 1")
        if custom[0][0].tolist() != tok.encode("hi") + [7, 7, 7]:
            raise CheckFailure(f"with pad_token_id=7, dataset[0] is {custom[0][0].tolist()}; "
                               "expected [104, 105, 7, 7, 7]: pad with pad_token_id, not a "
                               "fixed number")


# --- ex6_3: padding to the longest message or to the full context ----------------------------


def check_pad_batch(impl):
    encoded = [[5, 6, 7], [8], [1, 2, 3, 4, 5]]
    longest = impl(encoded, "longest", context_length=1024)
    if not torch.is_tensor(longest) or longest.dtype != torch.long:
        raise CheckFailure("pad_batch must return a torch.long tensor of shape (n, length)")
    if tuple(longest.shape) != (3, 5):
        raise CheckFailure(f"'longest' gave shape {tuple(longest.shape)}, expected (3, 5): pad "
                           "every message to the longest one")
    if longest[1].tolist() != [8, PAD, PAD, PAD, PAD]:
        raise CheckFailure(f"row 1 is {longest[1].tolist()}, expected [8, {PAD}, {PAD}, {PAD}, "
                           f"{PAD}]: pad at the end with pad_token_id")
    model = impl(encoded, "model", context_length=16)
    if tuple(model.shape) != (3, 16):
        raise CheckFailure(f"'model' gave shape {tuple(model.shape)}, expected (3, 16): pad to "
                           "the model's full context_length")
    fixed = impl(encoded, 2, context_length=16, pad_token_id=0)
    if fixed.tolist() != [[5, 6], [8, 0], [1, 2]]:
        raise CheckFailure(f"a length of 2 gave {fixed.tolist()}, expected [[5, 6], [8, 0], "
                           "[1, 2]]: cut longer messages to their first tokens")
    capped = impl([[1] * 40, [2]], "longest", context_length=32)
    if tuple(capped.shape) != (2, 32):
        raise CheckFailure(f"a 40-token message with context_length=32 gave shape "
                           f"{tuple(capped.shape)}, expected (2, 32): 'longest' may never "
                           "exceed the context length the model supports")


# --- ex6_4: replacing the head and freezing the right parameters ------------------------------


def check_prepare_classifier(impl):
    for trainable in ("last_layer", "last_block", "all"):
        model = _tiny_gpt()
        got = impl(model, 2, trainable)
        head = model.out_head
        shape = (getattr(head, "in_features", None), getattr(head, "out_features", None))
        if not isinstance(head, torch.nn.Linear) or shape != (16, 2):
            raise CheckFailure(f"out_head is {head}; expected a new nn.Linear(16, 2): emb_dim "
                               "in, num_classes out")
        names = {n for n, p in model.named_parameters() if p.requires_grad}
        expected = {"out_head.weight", "out_head.bias"}
        if trainable == "last_block":
            expected |= {n for n, _ in model.named_parameters()
                         if n.startswith(("trf_blocks.2.", "final_norm."))}
        if trainable == "all":
            expected = {n for n, _ in model.named_parameters()}
        if not {"out_head.weight", "out_head.bias"} <= names:
            raise CheckFailure(f"trainable={trainable!r}: the new head is frozen; create it "
                               "AFTER the freezing loop (a new nn.Linear trains by default)")
        if names != expected:
            extra, missing = sorted(names - expected), sorted(expected - names)
            hint = ("nothing was frozen: set requires_grad = False on every parameter first"
                    if len(extra) > 10 else "check which modules you unfroze")
            raise CheckFailure(f"trainable={trainable!r}: wrongly trainable {extra[:4]}"
                               f"{'...' if len(extra) > 4 else ''}, wrongly frozen "
                               f"{missing[:4]}: {hint}")
        count = sum(p.numel() for n, p in model.named_parameters() if n in expected)
        if int(got) != count:
            total = sum(p.numel() for p in model.parameters())
            hint = (" (that is every parameter: count only those with requires_grad)"
                    if int(got) == total else "")
            raise CheckFailure(f"trainable={trainable!r}: you returned {int(got):,} trainable "
                               f"parameters, expected {count:,}{hint}")


# --- ex6_5: which token classifies ----------------------------------------------------------------


def check_select_logits(impl):
    torch.manual_seed(0)
    logits = torch.randn(2, 5, 3)
    ids = torch.tensor([[11, 12, 13, PAD, PAD], [21, 22, 23, 24, 25]])
    for token, expected in [("last", logits[:, -1, :]), ("first", logits[:, 0, :])]:
        got = impl(logits, ids, token)
        assert_close(got, expected, what=f"select_logits(..., {token!r})",
                     hint=f"the {token} token is position {-1 if token == 'last' else 0} of dim 1")
    got = impl(logits, ids, "mean")
    expected = torch.stack([logits[0, :3].mean(0), logits[1].mean(0)])
    with_padding = logits.mean(dim=1)
    if torch.is_tensor(got) and got.shape == expected.shape and torch.allclose(got, with_padding):
        raise CheckFailure("'mean' averaged over the padding tokens too: the first message has "
                           "3 real tokens and 2 of padding; average only where input_ids != "
                           "pad_token_id")
    assert_close(got, expected, what="select_logits(..., 'mean')",
                 hint="average over the real (non-padding) positions of each message")


# --- ex6_6: the accuracy loader -------------------------------------------------------------------


def check_accuracy_loader(impl):
    # Per row: the first token always votes spam (odd 1); the last token votes by its parity.
    x = torch.tensor([[1, 2], [1, 4], [1, 3], [1, 6], [1, 8], [1, 5]])
    y = torch.tensor([0, 0, 1, 1, 0, 1])  # last-token votes 0 0 1 0 0 1: 5 of 6 right
    loader = DataLoader(TensorDataset(x, y), batch_size=2)
    model = ParityModel()
    got = impl(loader, model, "cpu")
    if isinstance(got, torch.Tensor):
        got = got.item()
    if abs(got - 5 / 6) > 1e-6:
        first = 3 / 6
        if abs(got - first) < 1e-6:
            hint = ("you classified from the FIRST token; the last token is the only one that "
                    "has seen the whole message: use [:, -1, :]")
        elif got > 1:
            hint = "an accuracy above 1: divide by the number of examples, not of batches"
        else:
            hint = ("take the argmax over the classes (dim=-1) of the last token's logits "
                    "(batch, num_classes), not over the batch")
        raise CheckFailure(f"accuracy is {got:.4f}, expected {5 / 6:.4f} (5 of 6): {hint}")
    two = impl(loader, model, "cpu", num_batches=2)
    two = two.item() if isinstance(two, torch.Tensor) else two
    if abs(two - 3 / 4) > 1e-6:
        raise CheckFailure(f"with num_batches=2 the accuracy is {two:.4f}, expected 0.75 (3 of "
                           "the first 4 examples): stop after num_batches batches and divide by "
                           "the examples you saw")
    uneven = DataLoader(TensorDataset(x[:5], y[:5]), batch_size=4)  # batches of 4 and 1
    got = impl(uneven, model, "cpu")
    got = got.item() if isinstance(got, torch.Tensor) else got
    if abs(got - 4 / 5) > 1e-6:
        raise CheckFailure(f"with batches of 4 and 1 the accuracy is {got:.4f}, expected 0.8 "
                           "(4 of 5): divide by the number of examples, not of batches")


# --- ex6_7: classify a new message --------------------------------------------------------------


def check_classify_review(impl):
    tok = CharTokenizer()
    model = ParityModel(context_length=6)
    # "c" is 99 (odd: spam) and "d" is 100 (even: not spam); padding 50256 is even
    answers = {("c", None): "spam", ("d", None): "not spam", ("c", 3): "not spam"}
    for (text, max_length), expected in answers.items():
        got = impl(text, model, tok, "cpu", max_length=max_length)
        seen = model.calls[-1].tolist() if model.calls else None
        if got != expected:
            raise CheckFailure(f"classify_review({text!r}, max_length={max_length}) returned "
                               f"{got!r}, expected {expected!r} (the model saw {seen}); "
                               "return 'spam' for class 1 and 'not spam' for class 0, from the "
                               "LAST position's logits")
    impl("c", model, tok, "cpu", max_length=3)
    if model.calls[-1].tolist() != [[99, PAD, PAD]]:
        raise CheckFailure(f"with max_length=3 the model saw {model.calls[-1].tolist()}, "
                           f"expected [[99, {PAD}, {PAD}]]: pad the ids to max_length with "
                           "pad_token_id, as in training")
    impl("abcdefghij", model, tok, "cpu", max_length=20)
    seen = model.calls[-1].tolist()
    if seen != [[97, 98, 99, 100, 101, 102]]:
        raise CheckFailure(f"for a 10-character text and a model with context_length 6 the "
                           f"model saw {seen}; expected the FIRST 6 ids [97, ..., 102]: cut to "
                           "min(max_length, context length) from the start")
    impl("ab", model, tok, "cpu")
    if model.calls[-1].tolist() != [[97, 98]]:
        raise CheckFailure(f"with max_length=None the model saw {model.calls[-1].tolist()}; "
                           "expected [[97, 98]]: no padding when no max_length is given")


EXERCISES = [
    Exercise(id="ex6_1", file="ex6_1_balanced_dataset.py", entry="create_balanced_dataset",
             title="Balance ham and spam by sampling ham", check=check_balanced_dataset),
    Exercise(id="ex6_2", file="ex6_2_spam_dataset.py", entry="SpamDataset",
             title="SpamDataset: pad and truncate every message", check=check_spam_dataset),
    Exercise(id="ex6_3", file="ex6_3_pad_to_context.py", entry="pad_batch",
             title="Pad to the longest message or to the full context", check=check_pad_batch),
    Exercise(id="ex6_4", file="ex6_4_classifier_head.py", entry="prepare_classifier",
             title="Replace the head, freeze the rest, count what trains",
             check=check_prepare_classifier),
    Exercise(id="ex6_5", file="ex6_5_token_choice.py", entry="select_logits",
             title="Classify from the last, first or mean token", check=check_select_logits),
    Exercise(id="ex6_6", file="ex6_6_accuracy_loader.py", entry="calc_accuracy_loader",
             title="Classification accuracy over a data loader", check=check_accuracy_loader),
    Exercise(id="ex6_7", file="ex6_7_classify_review.py", entry="classify_review",
             title="Classify a new message", check=check_classify_review),
]
