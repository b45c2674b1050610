"""Chapter 6's readers on a learner's bad files, and ``<|endoftext|>`` inside a message.

Each check is a function run once on the package's code and once on a kept mutant (a plausible
wrong version patched in), which it must reject: the check can fail.
"""

from __future__ import annotations

import pandas as pd
import pytest
import torch

from llmscratch import classification
from llmscratch.classification import (
    SpamDataset,
    classify_review,
    encode_plain_text,
    load_spam_data,
    read_utf8_text,
)
from llmscratch.tokenizer import get_gpt2_tokenizer

EOT = "<|endoftext|>"
CHECK_FAILED = (AssertionError, pytest.fail.Exception)  # what a failing check raises


@pytest.fixture(scope="module")
def tokenizer():
    return get_gpt2_tokenizer()


def _write(tmp_path, content, name="SMSSpamCollection"):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


# each case: file content -> (line named in the error, key words of the message)
BAD_SPAM_FILES = {
    "no text": (b"ham\tfine\nspam\t\nham\tok\n", 2, "no message"),
    "no tab": (b"ham\tfine\nham hello there\n", 2, "unknown label"),
    "other label": (b"ham\tfine\nham\tok\nhma\ttypo\n", 3, "unknown label 'hma'"),
    "second tab": (b"spam\ta\tb\n", 1, "second tab"),
    "latin-1": ("ham\tfine\nham\tcaf\u00e9\n".encode("latin-1"), 2, "0xe9 is not UTF-8"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3, "binary"),
}


def check_bad_spam_files(load, tmp_path):
    """Every bad file fails with a ValueError naming the file and the line."""
    for name, (content, line, words) in BAD_SPAM_FILES.items():
        path = _write(tmp_path, content)
        with pytest.raises(ValueError) as info:
            load(path)
        message = str(info.value)
        assert str(path) in message and f"line {line}" in message, (name, message)
        assert words in message, (name, message)
    with pytest.raises(ValueError, match="no messages"):
        load(_write(tmp_path, "\n\n"))


def test_bad_spam_files_name_the_file_and_line(tmp_path):
    check_bad_spam_files(load_spam_data, tmp_path)


def test_mutant_reading_the_file_as_pandas_does_is_rejected(tmp_path):
    def pandas_only(path):  # mutant: the book's read_csv, no checks
        return pd.read_csv(path, sep="\t", header=None, names=["Label", "Text"])

    with pytest.raises(CHECK_FAILED):
        check_bad_spam_files(pandas_only, tmp_path)


def test_good_files_read_like_pandas(tmp_path):
    content = "ham\tHello\r\nspam\tWIN <|endoftext|> now\r\n\r\nham\tcaf\u00e9\r\n"
    path = _write(tmp_path, "\ufeff" + content)  # with a byte-order mark and CRLF endings
    df = load_spam_data(path)
    # Invariant: the checks accept ordinary files and the table is what pandas reads.
    assert df["Label"].tolist() == ["ham", "spam", "ham"]
    assert df["Text"].tolist() == ["Hello", "WIN <|endoftext|> now", "caf\u00e9"]


def test_read_utf8_text_names_the_line_of_the_bad_byte(tmp_path):
    path = _write(tmp_path, b"one\ntwo\nthr\xffee\n", name="x.txt")
    # Invariant: the line of the first bad byte (3) and the encoding we read are named.
    with pytest.raises(ValueError, match=r"line 3: byte 0xff is not UTF-8"):
        read_utf8_text(path, "a text file")
    assert read_utf8_text(_write(tmp_path, "a\nb", name="y.txt"), "-") == "a\nb"


def test_spam_dataset_rows_without_text_or_label(tokenizer):
    frame = pd.DataFrame({"Text": ["fine", float("nan")], "Label": ["ham", "spam"]})
    # Invariant: a row without text is named (the book's code fails inside tiktoken).
    with pytest.raises(ValueError, match="row 1 has no message text"):
        SpamDataset(frame, tokenizer)
    for label in ("eggs", 2, float("nan")):
        frame = pd.DataFrame({"Text": ["a", "b"], "Label": [0, label]})
        # Invariant: every label other than ham/spam/0/1 is refused with its row.
        with pytest.raises(ValueError, match="row 1: unknown label"):
            SpamDataset(frame, tokenizer)
    with pytest.raises(ValueError, match=r"no column\(s\) \['Label'\]"):
        SpamDataset(pd.DataFrame({"Text": ["a"]}), tokenizer)


def test_spam_dataset_reads_csv_files_checked(tmp_path, tokenizer):
    path = _write(tmp_path, "Label,Text\n0,ok\n1,caf\u00e9\n".encode("latin-1"), name="t.csv")
    # Invariant: a CSV split that is not UTF-8 is named with its line.
    with pytest.raises(ValueError, match=r"t\.csv, line 3: .*not UTF-8"):
        SpamDataset(path, tokenizer)
    path = _write(tmp_path, "Label,Text\n0,ok\n1,caf\u00e9\n", name="u.csv")
    assert [int(y) for _, y in SpamDataset(path, tokenizer)] == [0, 1]


def check_endoftext_is_plain_text(encode, tokenizer):
    """A message with <|endoftext|> encodes without error, as ordinary tokens, never 50256."""
    ids = encode(tokenizer, f"free prize {EOT} click")
    assert 50256 not in ids
    assert tokenizer.decode(ids) == f"free prize {EOT} click"


def test_endoftext_in_a_message_is_plain_text(tokenizer):
    check_endoftext_is_plain_text(encode_plain_text, tokenizer)
    # Invariant: chapter 2's tokenizers (encode(text) only) still work through the helper.
    assert encode_plain_text(type("T", (), {"encode": lambda self, t: [len(t)]})(), "abc") == [3]


@pytest.mark.parametrize("mutant", [
    lambda tok, text: tok.encode(text),  # the book's call: tiktoken refuses the text
    lambda tok, text: tok.encode(text, allowed_special={EOT}),  # the text ends the message
])
def test_mutant_encodings_are_rejected(tokenizer, mutant):
    with pytest.raises((*CHECK_FAILED, ValueError)):
        check_endoftext_is_plain_text(mutant, tokenizer)


def test_dataset_and_classify_review_encode_endoftext_as_text(tokenizer, monkeypatch):
    frame = pd.DataFrame({"Text": [f"a {EOT} b"], "Label": ["spam"]})
    ids, _ = SpamDataset(frame, tokenizer)[0]
    # Invariant: the training data and the message to classify are encoded the same way.
    assert ids.tolist() == encode_plain_text(tokenizer, f"a {EOT} b")

    class LastTokenSpy(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.pos_emb = torch.nn.Embedding(32, 1)

        def forward(self, in_idx):
            self.seen = in_idx.tolist()
            return torch.zeros(in_idx.shape[0], in_idx.shape[1], 2)

    spy = LastTokenSpy()
    classify_review(f"a {EOT} b", spy, tokenizer, "cpu")
    assert spy.seen == [ids.tolist()]
    # mutant: classify_review with the book's tokenizer.encode fails on this message
    monkeypatch.setattr(classification, "encode_plain_text", lambda tok, text: tok.encode(text))
    with pytest.raises(ValueError, match="disallowed special token"):
        classify_review(f"a {EOT} b", spy, tokenizer, "cpu")
