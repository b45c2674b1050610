"""Llama 3 and Qwen3 tokenizers from local files (llmscratch.llama_tokenizer).

The test writes its own small files: a tiktoken BPE file (all 256 bytes plus a few merges) for
Llama 3, and a byte-level BPE ``tokenizer.json`` trained here with the ``tokenizers`` package
for Qwen3. Checked: round trips, special-token ids, Llama 3's digit grouping (with a kept
mutant using GPT-2's split pattern), the exact chat layouts (with a kept mutant that drops a
newline), and the Qwen3 tokenizer against transformers' fast tokenizer on the same file.
"""

from __future__ import annotations

import base64

import pytest

import llmscratch.llama_tokenizer as lt
from llmscratch.llama_tokenizer import (
    LLAMA3_SPECIAL_TOKENS,
    Llama3ChatFormat,
    Llama3Tokenizer,
    Qwen3Tokenizer,
    format_qwen3_chat,
)

GPT2_PATTERN = r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"""
MERGES = [b"34", b"12", b"123", b"45", b"he", b" t", b" the", b"th", b"the"]


@pytest.fixture
def llama_file(tmp_path):
    tokens = [bytes([i]) for i in range(256)] + MERGES
    path = tmp_path / "tokenizer.model"
    path.write_text("".join(f"{base64.b64encode(t).decode()} {rank}\n"
                            for rank, t in enumerate(tokens)))
    return path


def test_llama3_round_trip_and_special_ids(llama_file):
    tok = Llama3Tokenizer(llama_file)
    text = "Every effort moves you, 12345 times the\nthé 🙂"
    # Invariant: decoding the ids gives the text back, byte for byte.
    assert tok.decode(tok.encode(text)) == text
    n = 256 + len(MERGES)
    # Invariant: the 256 special tokens follow the ordinary ones, in Llama 3's order.
    assert len(LLAMA3_SPECIAL_TOKENS) == 256 == len(set(LLAMA3_SPECIAL_TOKENS))
    assert (tok.bos_id, tok.eos_id, tok.eot_id) == (n, n + 1, n + 9)
    assert tok.special["<|start_header_id|>"] == n + 6
    ids = tok.encode("the", bos=True, eos=True)
    assert ids[0] == tok.bos_id and ids[-1] == tok.eos_id
    # Invariant: special-token text is plain text unless allowed.
    assert tok.encode("<|eot_id|>") != [tok.eot_id]
    assert tok.encode("<|eot_id|>", allowed_special="all") == [tok.eot_id]


def test_llama3_groups_digits_by_three_and_gpt2_pattern_is_caught(llama_file):
    tok = Llama3Tokenizer(llama_file)
    pieces = [tok.decode([i]) for i in tok.encode("12345")]
    # Invariant: digits are split into runs of at most three before BPE: 123 | 45.
    assert pieces == ["123", "45"]
    # Kept mutant: GPT-2's pattern keeps 12345 whole, so the "34" merge wins first.
    mutant = Llama3Tokenizer(llama_file, pattern=GPT2_PATTERN)
    assert [mutant.decode([i]) for i in mutant.encode("12345")] != pieces


def test_llama3_chat_layout(llama_file, monkeypatch):
    tok = Llama3Tokenizer(llama_file)
    chat = Llama3ChatFormat(tok)
    expected = ("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief."
                "<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHi there<|eot_id|>"
                "<|start_header_id|>assistant<|end_header_id|>\n\n")
    # Invariant: the instruct models' exact turn layout.
    assert tok.decode(chat.encode(" Hi there\n", system_message="Be brief.")) == expected
    monkeypatch.setattr(Llama3ChatFormat, "encode_header", lambda self, role: (
        [tok.special["<|start_header_id|>"]] + tok.encode(role)
        + [tok.special["<|end_header_id|>"]] + tok.encode("\n")))
    # Kept mutant: one newline after the header instead of two.
    assert tok.decode(chat.encode(" Hi there\n", system_message="Be brief.")) != expected


@pytest.fixture
def qwen_file(tmp_path):
    tokenizers = pytest.importorskip("tokenizers")
    from tokenizers import decoders, models, pre_tokenizers, trainers

    tok = tokenizers.Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=320, special_tokens=lt.QWEN3_SPECIAL_TOKENS,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(["Every effort moves you. What is 12 + 30?"] * 30, trainer)
    path = tmp_path / "tokenizer.json"
    tok.save(str(path))
    return path


def test_qwen3_chat_wrapping_and_ids(qwen_file, monkeypatch):
    tok = Qwen3Tokenizer(qwen_file, add_generation_prompt=True)
    ids = tok.encode("What is 12 + 30?")
    expected = ("<|im_start|>user\nWhat is 12 + 30?<|im_end|>\n<|im_start|>assistant\n"
                "<think>\n\n</think>\n\n")
    # Invariant: Qwen3's ChatML layout with thinking switched off, decoded exactly.
    assert tok.decode(ids) == expected
    # Invariant: special tokens are single ids; chat use ends turns with <|im_end|>.
    assert ids[0] == tok.tok.token_to_id("<|im_start|>")
    assert tok.eos_token_id == tok.tok.token_to_id("<|im_end|>")
    assert tok.pad_token_id == tok.tok.token_to_id("<|endoftext|>")
    plain = Qwen3Tokenizer(qwen_file, apply_chat_template=False)
    assert plain.decode(plain.encode("Every effort")) == "Every effort"
    assert format_qwen3_chat("Hi", True, add_thinking=True).endswith("assistant\n")
    real = lt.format_qwen3_chat
    monkeypatch.setattr(lt, "format_qwen3_chat",
                        lambda *a, **k: real(*a, **k).replace("user\n", "user"))
    # Kept mutant: a layout without the newline after the role name fails the same comparison.
    assert tok.decode(tok.encode("What is 12 + 30?")) != expected


def test_qwen3_matches_transformers_fast_tokenizer(qwen_file):
    transformers = pytest.importorskip("transformers")
    ours = Qwen3Tokenizer(qwen_file, apply_chat_template=False)
    theirs = transformers.PreTrainedTokenizerFast(tokenizer_file=str(qwen_file))
    text = format_qwen3_chat("Every effort moves you. 12 + 30?", add_generation_prompt=True)
    # Invariant: the same ids as transformers on the same tokenizer.json.
    assert ours.encode(text) == theirs.encode(text, add_special_tokens=False)


def test_missing_special_tokens_are_explained(tmp_path):
    tokenizers = pytest.importorskip("tokenizers")
    from tokenizers import models, trainers

    tok = tokenizers.Tokenizer(models.BPE())
    tok.train_from_iterator(["abc"], trainers.BpeTrainer(vocab_size=20))
    tok.save(str(tmp_path / "t.json"))
    with pytest.raises(ValueError, match="special tokens"):
        Qwen3Tokenizer(tmp_path / "t.json")
    with pytest.raises(ValueError, match="no tokens"):
        (tmp_path / "empty.model").write_text("\n")
        Llama3Tokenizer(tmp_path / "empty.model")
