"""Chapter 7: instruction finetuning data, batching and responses.

Book: chapter 7 (§7.2-§7.7); notebook: ``ch07_instruction/ch07.ipynb``. Inside, in the order the
chapter uses them:

- ``download_and_load_file``, ``split_instruction_data``: the 1,100 records and the 85/10/5 split
  (935 train, 55 validation, 110 test)
- ``format_input`` (the Alpaca prompt), ``format_input_phi3`` and ``PROMPT_STYLES``
- ``InstructionDataset``, ``custom_collate_fn``, ``create_instruction_dataloaders``
- ``extract_response``, ``generate_responses``, ``save_json``: the test-set answers as JSON

Scoring those answers (§7.8: the Ollama judge, and ROUGE-L offline) is in
``llmscratch.evaluation``.

Differences from the book, none of which changes a result it prints:

- ``InstructionDataset`` also takes ``prompt_style`` ("alpaca" or "phi3", exercise 7.1) and
  ``mask_instructions`` (exercise 7.2); ``custom_collate_fn`` accepts the
  ``(instruction_length, token_ids)`` pairs that masking produces.
- ``custom_collate_fn`` masks padding by position (everything after the end-of-text token that
  closes each sequence) instead of by value, so a text that itself contains token 50256 keeps it.

Run the tests with ``python -m pytest tests/ch07/test_instruction.py -q``.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import urllib.error
import urllib.request
from functools import partial
from pathlib import Path

import torch
from torch.utils.data import DataLoader, Dataset

from llmscratch.classification import read_utf8_text
from llmscratch.generation import encode_plain_text

_REQUIRED_KEYS = ("instruction", "input", "output")


# --- data -------------------------------------------------------------------------------------


def download_and_load_file(file_path=None, url=None, asset="instruction-data"):
    """Load the instruction records (a list of dicts) from ``file_path``, fetching it if missing.

    With ``file_path=None`` the file comes from ``llmscratch.assets`` (``LLMSCRATCH_DATA_DIR``,
    then the user cache, then a verified download). A missing ``file_path`` is downloaded there:
    from the asset's URLs with its checksum when ``url`` is None or one of them, else from
    ``url`` as it is (another instruction file, e.g. Alpaca's, for exercise 7.3). Every record
    must have string ``instruction``, ``input`` and ``output`` fields; a bad record raises
    ``ValueError`` naming its index.

    >>> data = download_and_load_file()
    >>> len(data), data[1]["output"]
    (1100, 'He goes to the park every day.')

    Book: §7.2; notebook: ch07_instruction/ch07.ipynb
    """
    from llmscratch.assets import ASSETS, fetch_asset, get_asset_path

    if file_path is None:
        path = get_asset_path(asset)
    else:
        path = Path(file_path)
        if not path.is_file():  # download next to it, then rename into place
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory(dir=path.parent) as tmp:
                if url is None or url in ASSETS[asset].urls:
                    fetched = fetch_asset(asset, dest_dir=tmp)  # checked against its sha256
                else:
                    fetched = Path(tmp) / path.name
                    with urllib.request.urlopen(url, timeout=60) as response:
                        fetched.write_bytes(response.read())
                os.replace(fetched, path)
    return read_json_records(path, _REQUIRED_KEYS)


def read_json_records(path, required_keys=_REQUIRED_KEYS):
    """Read a JSON list of records (dicts) whose ``required_keys`` hold strings, or say why not.

    Every error is a ``ValueError`` naming the file and, where there is one, the line: a binary
    or non-UTF-8 file, text that is not JSON ("line 3, column 5: Expecting ',' delimiter"),
    JSON that is not a list, an empty list, and the first record that is not an object or
    lacks a string field (``record 1 (line 7) lacks string field(s) ['input']``). Used for the
    instruction data and by ``evaluate_responses.py`` for response files.

    Book: §7.2 (the book calls ``json.load``); notebook: ch07_instruction/ch07.ipynb
    """
    expected = f"a UTF-8 JSON list of records with string fields {list(required_keys)}"
    text = read_utf8_text(path, expected)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ValueError(f"{path}, line {err.lineno}, column {err.colno}: not valid JSON "
                         f"({err.msg}); expected {expected}") from None
    if not isinstance(data, list):
        raise ValueError(f"{path}: the JSON is {_json_kind(data)}; expected {expected}")
    if not data:
        raise ValueError(f"{path}: the list holds no records; expected {expected}")
    for i, entry in enumerate(data):
        if not isinstance(entry, dict):
            line = _element_lines(text)[i]
            raise ValueError(f"{path}: record {i} (line {line}) is {_json_kind(entry)}, not an "
                             f"object; expected {expected}")
        bad = [k for k in required_keys if not isinstance(entry.get(k), str)]
        if bad:
            line = _element_lines(text)[i]
            raise ValueError(f"{path}: record {i} (line {line}) lacks string field(s) {bad}: "
                             f"{entry!r:.200}")
    return data


def _json_kind(value):
    """'a string', 'an object', ... : the JSON name of a parsed value, for messages."""
    names = {dict: "an object", list: "a list", str: "a string", bool: "true or false",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _element_lines(text):
    """The line on which each element of the top-level JSON list in ``text`` starts."""
    decoder, lines = json.JSONDecoder(), []
    pos = _JSON_SPACE.match(text, text.index("[") + 1).end()
    while text[pos] != "]":
        lines.append(text.count("\n", 0, pos) + 1)
        _, pos = decoder.raw_decode(text, pos)
        pos = _JSON_SPACE.match(text, pos).end()
        if text[pos] == ",":
            pos = _JSON_SPACE.match(text, pos + 1).end()
    return lines


_JSON_SPACE = re.compile(r"[ \t\n\r]*")


def split_instruction_data(data, train_portion=0.85, test_portion=0.10):
    """Split ``data`` in order into ``(train_data, val_data, test_data)``, as the book does.

    The training part is ``int(len * 0.85)`` records, the test part ``int(len * 0.10)``, the
    validation part what is left: 935 / 55 / 110 for the 1,100 records (the book slices train,
    then test, then validation, so validation is the last 55 records).

    Book: §7.2; notebook: ch07_instruction/ch07.ipynb
    """
    n_train = int(len(data) * train_portion)
    n_test = int(len(data) * test_portion)
    train_data = data[:n_train]
    test_data = data[n_train : n_train + n_test]
    val_data = data[n_train + n_test :]
    return train_data, val_data, test_data


# --- prompt formats ---------------------------------------------------------------------------


def format_input(entry):
    """Format a record's instruction (and input, when it has one) as an Alpaca-style prompt.

    ``format_input({"instruction": "Name a color.", "input": "", "output": "Red."})`` gives::

        Below is an instruction that describes a task. Write a response that appropriately [...]

        ### Instruction:
        Name a color.

    (the first line ends "... appropriately completes the request."). A non-empty ``input``
    adds ``"\\n\\n### Input:\\n" + input``. The response part,
    ``"\\n\\n### Response:\\n" + output``, is added by ``InstructionDataset``.

    Book: §7.2; notebook: ch07_instruction/ch07.ipynb
    """
    instruction_text = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{entry['instruction']}"
    )
    input_text = f"\n\n### Input:\n{entry['input']}" if entry["input"] else ""
    return instruction_text + input_text


def format_input_phi3(entry):
    """Format a record in the Phi-3 chat style: ``"<|user|>\\n" + instruction [+ "\\n" + input]``.

    The response follows as ``"\\n<|assistant|>:\\n" + output``. Shorter prompts than Alpaca's,
    so training is a little faster.

    Book: exercise 7.1; notebook: ch07_instruction/ch07.ipynb
    """
    input_text = f"\n{entry['input']}" if entry["input"] else ""
    return f"<|user|>\n{entry['instruction']}" + input_text


# style -> (prompt formatter, text between the prompt and the response)
PROMPT_STYLES = {
    "alpaca": (format_input, "\n\n### Response:\n"),
    "phi3": (format_input_phi3, "\n<|assistant|>:\n"),
}


def _prompt_style(name):
    try:
        return PROMPT_STYLES[name]
    except KeyError:
        known = list(PROMPT_STYLES)
        raise ValueError(f"unknown prompt_style {name!r}; use one of {known}") from None


# --- dataset and batching ---------------------------------------------------------------------


class InstructionDataset(Dataset):
    """Pre-tokenize every record as prompt + response; items are lists of token ids.

    ``prompt_style`` picks the format ("alpaca", the book's, or "phi3"). With
    ``mask_instructions=True`` an item is ``(instruction_length, token_ids)`` instead, where
    ``instruction_length`` counts the prompt's tokens, so that ``custom_collate_fn`` can leave
    the prompt out of the loss.

    Book: §7.3 (and exercises 7.1, 7.2); notebook: ch07_instruction/ch07.ipynb
    """

    def __init__(self, data, tokenizer, prompt_style="alpaca", mask_instructions=False):
        formatter, response_prefix = _prompt_style(prompt_style)
        self.data = data
        self.mask_instructions = mask_instructions
        self.encoded_texts = []
        self.instruction_lengths = []
        for entry in data:
            instruction_plus_input = formatter(entry)
            full_text = instruction_plus_input + response_prefix + entry["output"]
            self.encoded_texts.append(encode_plain_text(tokenizer, full_text))
            if mask_instructions:
                prompt_ids = encode_plain_text(tokenizer, instruction_plus_input)
                self.instruction_lengths.append(len(prompt_ids))

    def __getitem__(self, index):
        if self.mask_instructions:
            return self.instruction_lengths[index], self.encoded_texts[index]
        return self.encoded_texts[index]

    def __len__(self):
        return len(self.data)


def custom_collate_fn(
    batch, pad_token_id=50256, ignore_index=-100, allowed_max_length=None, device="cpu"
):
    """Pad a list of token-id lists into ``(inputs, targets)``, each ``(batch, max_len)``.

    Every sequence gets one end-of-text token (``pad_token_id``) appended and is padded with it
    to the longest such length. Targets are the inputs shifted left by one; in the targets, the
    padding after that first end-of-text token becomes ``ignore_index`` (cross-entropy skips it)
    while the end-of-text token itself stays, so the model learns to stop. Both are then cut to
    ``allowed_max_length`` tokens. Example with sequences ``[1, 2, 3]`` and ``[4, 5]``::

        inputs  = [[1, 2, 3],      [4, 5, 50256]]
        targets = [[2, 3, 50256],  [5, 50256, -100]]

    An item may also be ``(instruction_length, token_ids)``: then the first
    ``instruction_length - 1`` targets (those that predict prompt tokens) are ``ignore_index`` too.

    Book: §7.3; notebook: ch07_instruction/ch07.ipynb
    """
    if len(batch) == 0:
        raise ValueError("custom_collate_fn got an empty batch")
    items = [item if isinstance(item, tuple) else (0, item) for item in batch]
    batch_max_length = max(len(token_ids) + 1 for _, token_ids in items)
    inputs_lst, targets_lst = [], []
    for instruction_length, token_ids in items:
        new_item = list(token_ids) + [pad_token_id]  # the end-of-text token the model must learn
        padded = new_item + [pad_token_id] * (batch_max_length - len(new_item))
        inputs = torch.tensor(padded[:-1])  # (batch_max_length - 1,)
        targets = torch.tensor(padded[1:])  # shifted one position to the left
        targets[len(token_ids) :] = ignore_index  # all padding after the first end-of-text token
        if instruction_length > 1:
            targets[: instruction_length - 1] = ignore_index  # targets that are prompt tokens
        if allowed_max_length is not None:
            inputs = inputs[:allowed_max_length]
            targets = targets[:allowed_max_length]
        inputs_lst.append(inputs)
        targets_lst.append(targets)
    return torch.stack(inputs_lst).to(device), torch.stack(targets_lst).to(device)


def create_instruction_dataloaders(
    train_data, val_data, test_data, tokenizer, batch_size=8, allowed_max_length=1024,
    device="cpu", prompt_style="alpaca", mask_instructions=False, num_workers=0, seed=123,
):
    """The book's three loaders: training shuffled (seeded) with ``drop_last``, the others not.

    Returns ``(train_loader, val_loader, test_loader)``; batches are ``custom_collate_fn``'s
    ``(inputs, targets)`` already on ``device``.

    Book: §7.4; notebook: ch07_instruction/ch07.ipynb
    """
    collate = partial(custom_collate_fn, device=device, allowed_max_length=allowed_max_length)
    loaders = []
    for data, train in ((train_data, True), (val_data, False), (test_data, False)):
        dataset = InstructionDataset(data, tokenizer, prompt_style, mask_instructions)
        generator = torch.Generator().manual_seed(seed) if train else None
        loaders.append(DataLoader(
            dataset, batch_size=batch_size, collate_fn=collate, shuffle=train, drop_last=train,
            num_workers=num_workers, generator=generator,
        ))
    return tuple(loaders)


# --- responses --------------------------------------------------------------------------------


def extract_response(generated_text, input_text, prompt_style="alpaca"):
    """Cut the prompt off a generated text and strip the response header.

    >>> extract_response(prompt + "\\n\\n### Response:\\nRed.", prompt)
    'Red.'

    Book: §7.6; notebook: ch07_instruction/ch07.ipynb
    """
    header = _prompt_style(prompt_style)[1].strip()
    return generated_text[len(input_text) :].replace(header, "").strip()


def generate_responses(model, tokenizer, data, max_new_tokens=256, device="cpu",
                       prompt_style="alpaca", eos_id=50256, progress=True):
    """Greedily answer every record; return copies with a ``"model_response"`` field added.

    The prompt is cropped to the model's context by ``generate``; generation stops at ``eos_id``.

    Book: §7.6; notebook: ch07_instruction/ch07.ipynb
    """
    from tqdm.auto import tqdm

    from llmscratch.generation import generate, token_ids_to_text

    formatter = _prompt_style(prompt_style)[0]
    context_size = model.pos_emb.weight.shape[0]
    model.eval()
    results = []
    for entry in tqdm(data, desc="Generating responses", disable=not progress):
        input_text = formatter(entry)
        # "<|endoftext|>" inside a record is plain text, as in training (encode_plain_text)
        idx = torch.tensor([encode_plain_text(tokenizer, input_text)], device=device)
        with torch.no_grad():
            token_ids = generate(
                model=model, idx=idx,
                max_new_tokens=max_new_tokens, context_size=context_size, eos_id=eos_id,
                use_cache=True,
            )
        generated_text = token_ids_to_text(token_ids, tokenizer)
        response = extract_response(generated_text, input_text, prompt_style)
        results.append({**entry, "model_response": response})
    return results


def save_json(data, path):
    """Write ``data`` as indented JSON to ``path`` through a temporary file (atomic rename).

    On any failure (data that is not JSON, ``path`` a folder, Ctrl-C) the temporary file is
    removed and the error raised; an existing file at ``path`` is then left as it was.

    Book: §7.7 (the book calls ``json.dump``); notebook: ch07_instruction/ch07.ipynb
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            json.dump(data, file, indent=4)
        os.replace(tmp, path)  # fails for a folder at ``path``: then no temporary file stays
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
