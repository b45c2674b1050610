"""Chapter 7's reader on a learner's bad JSON files, and ``<|endoftext|>`` inside a record.

Each check runs once on the package's code and once on a kept mutant (a plausible wrong
version), which it must reject.
"""

from __future__ import annotations

import json

import pytest
import torch

from llmscratch import instruction
from llmscratch.classification import encode_plain_text
from llmscratch.instruction import (
    InstructionDataset,
    download_and_load_file,
    format_input,
    generate_responses,
    read_json_records,
)
from llmscratch.tokenizer import get_gpt2_tokenizer

EOT = "<|endoftext|>"
CHECK_FAILED = (AssertionError, pytest.fail.Exception)  # what a failing check raises
GOOD = {"instruction": "Name a color.", "input": "", "output": "Red."}


@pytest.fixture(scope="module")
def tokenizer():
    return get_gpt2_tokenizer()


# each case: file content -> key words of the message (the file name is always checked)
BAD_JSON_FILES = {
    "truncated": ('[\n  {"instruction": "a",\n', "line 3, column 1: not valid JSON"),
    "missing comma": ('[\n {"instruction": "a" "input": ""}\n]', "line 2, column 22"),
    "an object": (json.dumps(GOOD), "the JSON is an object"),
    "empty list": ("[]", "holds no records"),
    "strings": ('[\n  "Name a color.",\n  "Red."\n]', "record 0 (line 2) is a string"),
    "no input": (json.dumps([GOOD, GOOD, {"instruction": "a", "output": "b"}], indent=1),
                 "record 2 (line 12) lacks string field(s) ['input']"),
    "number output": (json.dumps([GOOD, {**GOOD, "output": 3}]),
                      "record 1 (line 1) lacks string field(s) ['output']"),
    "latin-1": ('[{"instruction": "caf\u00e9"}]'.encode("latin-1"), "line 1: byte 0xe9"),
    "binary": (b"PK\x03\x04\x00\x00", "binary"),
}


def check_bad_json_files(read, tmp_path):
    """Every bad file fails with a ValueError naming the file and what is wrong where."""
    for name, (content, words) in BAD_JSON_FILES.items():
        path = tmp_path / f"{name.replace(' ', '_')}.json"
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        with pytest.raises(ValueError) as info:
            read(path)
        message = str(info.value)
        assert str(path) in message and words in message, (name, message)


def test_bad_instruction_files_are_named(tmp_path):
    check_bad_json_files(download_and_load_file, tmp_path)
    check_bad_json_files(read_json_records, tmp_path)


def test_mutant_reading_with_json_load_is_rejected(tmp_path):
    def book_reader(path):  # mutant: the book's json.load, no checks
        with open(path, encoding="utf-8") as file:
            return json.load(file)

    with pytest.raises(CHECK_FAILED):
        check_bad_json_files(book_reader, tmp_path)


def test_required_keys_are_the_callers(tmp_path):
    path = tmp_path / "responses.json"
    path.write_text(json.dumps([{**GOOD, "model_response": None}]))
    # Invariant: a response file is checked for the fields its reader asks for.
    with pytest.raises(ValueError, match=r"lacks string field\(s\) \['model_response'\]"):
        read_json_records(path, ("output", "model_response"))
    assert read_json_records(path, ("output",))[0]["output"] == "Red."


def check_endoftext_is_plain_text(dataset_items, tokenizer):
    """Records with <|endoftext|> encode without error, never as token 50256."""
    record = {"instruction": f"Explain {EOT}.", "input": EOT, "output": f"It ends {EOT} texts."}
    ids = dataset_items([record], tokenizer)[0]
    assert 50256 not in ids
    assert tokenizer.decode(ids).endswith(f"It ends {EOT} texts.")


def _items(data, tokenizer):
    return [item for item in InstructionDataset(data, tokenizer)]


def test_endoftext_in_a_record_is_plain_text(tokenizer):
    check_endoftext_is_plain_text(_items, tokenizer)
    record = {"instruction": f"a {EOT}", "input": "", "output": "b"}
    length, ids = InstructionDataset([record], tokenizer, mask_instructions=True)[0]
    # Invariant: the masked prompt length counts the prompt encoded the same plain way.
    assert length == len(encode_plain_text(tokenizer, format_input(record)))
    assert ids[:length] == encode_plain_text(tokenizer, format_input(record))


def test_mutant_book_encoding_is_rejected(tokenizer, monkeypatch):
    monkeypatch.setattr(instruction, "encode_plain_text",
                        lambda tok, text: tok.encode(text, allowed_special={EOT}))
    with pytest.raises(CHECK_FAILED):  # mutant: <|endoftext|> becomes the end-of-text id
        check_endoftext_is_plain_text(_items, tokenizer)


def test_generate_responses_encodes_the_prompt_as_training_did(tokenizer, tiny_cfg):
    record = {"instruction": f"Say {EOT}", "input": "", "output": "x"}

    class PromptSpy(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.pos_emb = torch.nn.Embedding(64, 1)
            self.prompts = []

        def forward(self, in_idx, use_cache=False):
            self.prompts.append(in_idx[0].tolist())
            logits = torch.zeros(1, in_idx.shape[1], 50257)
            logits[..., 50256] = 1.0  # end at once
            return logits

        def reset_kv_cache(self):
            pass

    spy = PromptSpy()
    result = generate_responses(spy, tokenizer, [record], max_new_tokens=3, progress=False)
    # Invariant: the prompt's ids are encode_plain_text's, so 50256 appears nowhere in it.
    assert spy.prompts[0] == encode_plain_text(tokenizer, format_input(record))[-64:]
    assert result[0]["model_response"] == ""


def _save_json_without_cleanup(data, path):  # mutant: the earlier save_json
    import os
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        json.dump(data, file, indent=4)
    os.replace(tmp, path)


def check_failed_save_leaves_nothing(save, tmp_path):
    """A save onto a folder, or of data that is not JSON, raises and leaves no file behind."""
    (tmp_path / "scores").mkdir()
    with pytest.raises(IsADirectoryError):
        save({"a": 1}, tmp_path / "scores")
    with pytest.raises(TypeError):
        save({"a": object()}, tmp_path / "x.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scores"], list(tmp_path.iterdir())


def test_save_json_removes_its_temporary_file_on_failure(tmp_path):
    check_failed_save_leaves_nothing(instruction.save_json, tmp_path)


def test_mutant_save_json_without_cleanup_is_rejected(tmp_path):
    with pytest.raises(CHECK_FAILED):
        check_failed_save_leaves_nothing(_save_json_without_cleanup, tmp_path)
