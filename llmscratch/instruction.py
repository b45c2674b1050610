"""Chapter 7: instruction finetuning data, batching, responses and their evaluation.

Book: chapter 7 (§7.2-§7.8); notebook: ``ch07_instruction/ch07.ipynb``. Inside, in the order the
chapter uses them:

- ``download_and_load_file``, ``split_instruction_data``: the 1,100 records and the 85/10/5 split
  (935 train, 55 validation, 110 test)
- ``format_input`` (the Alpaca prompt), ``format_input_phi3`` and ``PROMPT_STYLES``
- ``InstructionDataset``, ``custom_collate_fn``, ``create_instruction_dataloaders``
- ``extract_response``, ``generate_responses``, ``save_json``: the test-set answers as JSON
- ``query_model``, ``generate_model_scores``: a judge model served by Ollama (0-100 scores)
- ``rouge_l_score``, ``generate_rouge_scores``: an offline metric that needs no server

Differences from the book, none of which changes a result it prints:

- ``InstructionDataset`` also takes ``prompt_style`` ("alpaca" or "phi3", exercise 7.1) and
  ``mask_instructions`` (exercise 7.2); ``custom_collate_fn`` accepts the
  ``(instruction_length, token_ids)`` pairs that masking produces.
- ``custom_collate_fn`` masks padding by position (everything after the end-of-text token that
  closes each sequence) instead of by value, so a text that itself contains token 50256 keeps it.
- The judge client has timeouts, retries, a clear message when no server runs, and counts the
  replies that are not a number instead of only printing them.

Run the tests with ``python -m pytest tests/test_instruction.py tests/test_judge.py -q``.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import tempfile
import time
import urllib.error
import urllib.request
import warnings
from functools import partial
from pathlib import Path

import torch
from torch.utils.data import DataLoader, Dataset

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
    with open(path, encoding="utf-8") as file:
        data = json.load(file)
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a JSON list of records, got {type(data).__name__}")
    for i, entry in enumerate(data):
        bad = [k for k in _REQUIRED_KEYS if not isinstance(entry.get(k), str)]
        if bad:
            raise ValueError(f"{path}: record {i} lacks string field(s) {bad}: {entry!r:.200}")
    return data


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
            self.encoded_texts.append(tokenizer.encode(full_text))
            if mask_instructions:
                self.instruction_lengths.append(len(tokenizer.encode(instruction_plus_input)))

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

    from llmscratch.generation import generate, text_to_token_ids, token_ids_to_text

    formatter = _prompt_style(prompt_style)[0]
    context_size = model.pos_emb.weight.shape[0]
    model.eval()
    results = []
    for entry in tqdm(data, desc="Generating responses", disable=not progress):
        input_text = formatter(entry)
        with torch.no_grad():
            token_ids = generate(
                model=model, idx=text_to_token_ids(input_text, tokenizer).to(device),
                max_new_tokens=max_new_tokens, context_size=context_size, eos_id=eos_id,
                use_cache=True,
            )
        generated_text = token_ids_to_text(token_ids, tokenizer)
        response = extract_response(generated_text, input_text, prompt_style)
        results.append({**entry, "model_response": response})
    return results


def save_json(data, path):
    """Write ``data`` as indented JSON to ``path`` through a temporary file (atomic rename).

    Book: §7.7 (the book calls ``json.dump``); notebook: ch07_instruction/ch07.ipynb
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        json.dump(data, file, indent=4)
    os.replace(tmp, path)
    return path


# --- evaluation with a judge model (Ollama) ---------------------------------------------------

OLLAMA_CHAT_URL = "http://localhost:11434/api/chat"


class JudgeError(RuntimeError):
    """The judge server answered with an error, or not at all within the retries."""


class JudgeUnavailableError(JudgeError):
    """No server listens at the judge URL (Ollama is not running)."""


def _read_chat_reply(body):
    """Join the ``message.content`` of a streamed (JSON lines) or single JSON chat reply."""
    lines = [line for line in body.splitlines() if line.strip()]
    try:
        chunks = [json.loads(line) for line in lines]
    except json.JSONDecodeError:
        chunks = [json.loads(body)]  # one JSON object spread over several lines
    if chunks and "error" in chunks[-1]:
        raise JudgeError(f"the judge server reported an error: {chunks[-1]['error']}")
    return "".join(c.get("message", {}).get("content", "") for c in chunks)


def query_model(prompt, model="llama3", url=OLLAMA_CHAT_URL, timeout=120.0, retries=2,
                retry_delay=1.0, stream=True, options=None):
    """Send ``prompt`` to a chat model behind Ollama's ``POST /api/chat``; return its reply text.

    Deterministic by default (``options={"seed": 123, "temperature": 0, "num_ctx": 2048}``).
    Timeouts, dropped connections and 5xx answers are retried ``retries`` times, waiting
    ``retry_delay`` seconds and doubling; a refused connection raises ``JudgeUnavailableError``
    at once with how to start Ollama; other failures raise ``JudgeError``.

    Book: §7.8; notebook: ch07_instruction/ch07.ipynb
    """
    data = {
        "model": model,
        "messages": [{"role": "user", "content": prompt}],
        "options": options or {"seed": 123, "temperature": 0, "num_ctx": 2048},
        "stream": stream,
    }
    request = urllib.request.Request(
        url, data=json.dumps(data).encode("utf-8"), method="POST",
        headers={"Content-Type": "application/json"},
    )
    problem = ""
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(retry_delay * 2 ** (attempt - 1))
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return _read_chat_reply(response.read().decode("utf-8"))
        except urllib.error.HTTPError as err:
            detail = err.read().decode("utf-8", "replace")[:300]
            problem = f"HTTP {err.code}: {detail}"
            if err.code < 500:  # a bad request or an unknown model: retrying will not help
                raise JudgeError(
                    f"the judge server at {url} answered {problem} (is the model pulled? "
                    f"`ollama pull {model}`)"
                ) from err
        except urllib.error.URLError as err:
            if isinstance(err.reason, ConnectionRefusedError):
                raise JudgeUnavailableError(
                    f"No judge server answers at {url}. Start Ollama (`ollama serve`, then "
                    f"`ollama pull {model}`), pass the right url, or use the offline metric "
                    "(rouge_l_score / evaluate_responses.py --metric rougeL)."
                ) from err
            problem = f"connection failed: {err.reason}"
        except TimeoutError:
            problem = f"no complete answer within {timeout} s"
        except (ConnectionError, http.client.HTTPException, json.JSONDecodeError) as err:
            problem = f"broken reply: {err}"
    raise JudgeError(f"the judge at {url} failed {retries + 1} time(s); last: {problem}")


class JudgeScores(list):
    """The 0-100 scores that could be read (a plain list, as in the book), plus ``unparsed``:
    ``(record index, reply)`` for every reply that was not a single number from 0 to 100."""

    def __init__(self, scores=(), unparsed=()):
        super().__init__(scores)
        self.unparsed = list(unparsed)


def parse_score(reply):
    """The score in a judge reply, or None: ``"85"`` -> 85, ``"Score: 85."`` -> 85; replies
    with no number, several numbers or a number outside 0-100 give None.

    Book: §7.8 (the book calls ``int(reply)``); notebook: ch07_instruction/ch07.ipynb
    """
    numbers = re.findall(r"\d+(?:\.\d+)?", reply)
    if len(numbers) != 1 or not 0 <= float(numbers[0]) <= 100:
        return None
    value = float(numbers[0])
    return int(value) if value.is_integer() else value


def generate_model_scores(json_data, json_key, model="llama3", url=OLLAMA_CHAT_URL,
                          progress=True, **query_kwargs):
    """Ask the judge to score ``entry[json_key]`` against ``entry["output"]`` for every record.

    Returns a ``JudgeScores`` list; replies that are not a number are left out, kept in
    ``.unparsed`` and summed up in one warning. ``query_kwargs`` go to ``query_model``.

    Book: §7.8; notebook: ch07_instruction/ch07.ipynb
    """
    from tqdm.auto import tqdm

    scores = JudgeScores()
    for i, entry in enumerate(tqdm(json_data, desc="Scoring entries", disable=not progress)):
        prompt = (
            f"Given the input `{format_input(entry)}` "
            f"and correct output `{entry['output']}`, "
            f"score the model response `{entry[json_key]}`"
            " on a scale from 0 to 100, where 100 is the best score. "
            "Respond with the integer number only."
        )
        reply = query_model(prompt, model=model, url=url, **query_kwargs)
        score = parse_score(reply)
        if score is None:
            scores.unparsed.append((i, reply))
        else:
            scores.append(score)
    if scores.unparsed:
        warnings.warn(
            f"{len(scores.unparsed)} of {len(json_data)} judge replies were not a number from "
            f"0 to 100 and were left out (first: {scores.unparsed[0][1]!r:.80})", stacklevel=2,
        )
    return scores


# --- an offline metric: ROUGE-L ---------------------------------------------------------------


def _rouge_tokens(text):
    return re.findall(r"[a-z0-9]+", text.lower())


def _lcs_length(a, b):
    """Length of the longest common subsequence of two token lists (dynamic programming)."""
    previous = [0] * (len(b) + 1)
    for token_a in a:
        current = [0]
        for j, token_b in enumerate(b, start=1):
            if token_a == token_b:
                current.append(previous[j - 1] + 1)
            else:
                current.append(max(previous[j], current[-1]))
        previous = current
    return previous[-1]


def rouge_l_score(candidate, reference):
    """ROUGE-L F1 (0-1) between two texts: the longest common subsequence of their words.

    Words are lower-cased runs of letters and digits. With ``lcs`` the common-subsequence
    length, precision = lcs / len(candidate), recall = lcs / len(reference), F1 their harmonic
    mean. ``rouge_l_score("the cat sat", "the cat sat down")`` = 2 * 1 * 0.75 / 1.75 = 0.857.

    Notebook: ch07_instruction/ch07.ipynb (our addition: a judge-free score)
    """
    cand, ref = _rouge_tokens(candidate), _rouge_tokens(reference)
    lcs = _lcs_length(cand, ref)
    if lcs == 0:
        return 0.0
    precision, recall = lcs / len(cand), lcs / len(ref)
    return 2 * precision * recall / (precision + recall)


def generate_rouge_scores(json_data, json_key, reference_key="output"):
    """ROUGE-L F1 scores on the book's 0-100 scale, one per record: ``json_key`` vs ``output``."""
    return [100 * rouge_l_score(e[json_key], e[reference_key]) for e in json_data]
