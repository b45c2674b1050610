"""Tests for llmscratch.instruction (data, prompt formats, batching, responses) and ROUGE-L.

The judge client has its own file (tests/ch07/test_judge.py). Data comes from LLMSCRATCH_DATA_DIR.
"""

from __future__ import annotations

import http.server
import itertools
import json
import random
import threading

import pytest
import torch

from llmscratch.evaluation import generate_rouge_scores, parse_score, rouge_l_score
from llmscratch.instruction import (
    InstructionDataset,
    create_instruction_dataloaders,
    custom_collate_fn,
    download_and_load_file,
    extract_response,
    format_input,
    format_input_phi3,
    generate_responses,
    save_json,
    split_instruction_data,
)

PREAMBLE = (
    "Below is an instruction that describes a task. Write a response that appropriately "
    "completes the request."
)


@pytest.fixture(scope="module")
def data(data_dir):
    return download_and_load_file()


@pytest.fixture(scope="module")
def tokenizer():
    import tiktoken

    return tiktoken.get_encoding("gpt2")


# --- data ---------------------------------------------------------------------------------------


def test_data_loads_and_splits_935_55_110(data):
    # Invariant: the chapter's data set has 1,100 records with the three string fields.
    assert len(data) == 1100
    assert all(set(e) >= {"instruction", "input", "output"} for e in data)
    train, val, test = split_instruction_data(data)
    # Invariant: the book's 85/10/5 split, in order: train first, then test, then validation.
    assert (len(train), len(val), len(test)) == (935, 55, 110)
    assert train + test + val == data
    assert train[0] == data[0] and test[0] == data[935] and val[-1] == data[-1]


def test_download_and_load_file_fetches_a_missing_file(tmp_path, data_dir):
    body = (data_dir / "instruction-data" / "instruction-data.json").read_bytes()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    try:
        target = tmp_path / "sub" / "instruction-data.json"
        url = f"http://127.0.0.1:{server.server_address[1]}/instruction-data.json"
        loaded = download_and_load_file(target, url)
    finally:
        server.shutdown()
        server.server_close()
    # Invariant: a missing file is downloaded to the requested path, verified, and loaded.
    assert target.read_bytes() == body
    assert len(loaded) == 1100
    # Invariant: nothing else (temporary folders) is left beside it.
    assert sorted(p.name for p in target.parent.iterdir()) == ["instruction-data.json"]
    # Invariant: another file from another URL (exercise 7.3) is taken as it is, no checksum.
    other = tmp_path / "other.json"
    body = json.dumps([{"instruction": "Say hi.", "input": "", "output": "Hi."}]).encode()
    # (Handler reads `body` at request time, so the new server serves this new body)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/other.json"
        assert download_and_load_file(other, url) == [{"instruction": "Say hi.", "input": "",
                                                        "output": "Hi."}]
    finally:
        server.shutdown()
        server.server_close()


def test_download_and_load_file_rejects_bad_records(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([{"instruction": "a", "input": "", "output": "b"},
                                {"instruction": "a", "output": "b"}]))
    # Invariant: a record without an input field is named in the error.
    with pytest.raises(ValueError, match="record 1"):
        download_and_load_file(path)


# --- prompt formats -----------------------------------------------------------------------------


def test_format_input_on_all_1100_entries(data):
    with_input = 0
    for entry in data:
        text = format_input(entry)
        expected = f"{PREAMBLE}\n\n### Instruction:\n{entry['instruction']}"
        if entry["input"]:
            expected += f"\n\n### Input:\n{entry['input']}"
            with_input += 1
        # Invariant: the Alpaca layout, with an Input section only when there is an input.
        assert text == expected
        assert ("### Input:" in text) == bool(entry["input"])
    # Invariant: both kinds of records occur, so both branches were exercised.
    assert 0 < with_input < len(data)


def test_format_input_book_example(data):
    # Invariant: the book's printed example (record 50) is reproduced character for character.
    assert format_input(data[50]) == (
        f"{PREAMBLE}\n\n### Instruction:\nIdentify the correct spelling of the following word."
        "\n\n### Input:\nOcassion"
    )


def test_format_input_phi3():
    entry = {"instruction": "Identify the correct spelling of the following word.",
             "input": "Ocassion", "output": "The correct spelling is 'Occasion.'"}
    # Invariant: Phi-3 style: user tag, instruction, input on the next line.
    assert format_input_phi3(entry) == (
        "<|user|>\nIdentify the correct spelling of the following word.\nOcassion"
    )
    assert format_input_phi3({**entry, "input": ""}) == (
        "<|user|>\nIdentify the correct spelling of the following word."
    )


# --- dataset ------------------------------------------------------------------------------------


def test_instruction_dataset_items(data, tokenizer):
    dataset = InstructionDataset(data[:50], tokenizer)
    # Invariant: one item per record: prompt, response header and output, tokenized.
    assert len(dataset) == 50
    for i in (0, 7, 49):
        full = format_input(data[i]) + "\n\n### Response:\n" + data[i]["output"]
        assert dataset[i] == tokenizer.encode(full)
    phi3 = InstructionDataset(data[:5], tokenizer, prompt_style="phi3")
    assert tokenizer.decode(phi3[0]) == (
        format_input_phi3(data[0]) + "\n<|assistant|>:\n" + data[0]["output"]
    )
    with pytest.raises(ValueError, match="prompt_style"):
        InstructionDataset(data[:5], tokenizer, prompt_style="chatml")


def test_masked_dataset_prompt_is_a_token_prefix_on_all_entries(data, tokenizer):
    for style in ("alpaca", "phi3"):
        dataset = InstructionDataset(data, tokenizer, prompt_style=style, mask_instructions=True)
        formatter = format_input if style == "alpaca" else format_input_phi3
        for i, entry in enumerate(data):
            instruction_length, token_ids = dataset[i]
            # Invariant: the prompt's tokens are exactly the first tokens of the full text, so
            # masking the first instruction_length - 1 targets hides the prompt and nothing else.
            assert token_ids[:instruction_length] == tokenizer.encode(formatter(entry))


# --- collate ------------------------------------------------------------------------------------


def test_collate_book_example():
    batch = [[0, 1, 2, 3, 4], [5, 6], [7, 8, 9]]
    inputs, targets = custom_collate_fn(batch)
    pad = 50256
    # Invariant: the book's §7.3 example, both tensors.
    assert inputs.tolist() == [[0, 1, 2, 3, 4], [5, 6, pad, pad, pad], [7, 8, 9, pad, pad]]
    assert targets.tolist() == [[1, 2, 3, 4, pad], [6, pad, -100, -100, -100],
                                [8, 9, pad, -100, -100]]


def _by_value_reference(batch, pad, ignore, allowed):
    """An independent statement of the book's rule (for items that do not contain ``pad``)."""
    width = max(len(b) for b in batch)  # one end-of-text appended, then the shift removes one
    ins, tgs = [], []
    for item in batch:
        seq = item + [pad] * (width + 1 - len(item))
        tgt = seq[1 : width + 1]
        pads = [j for j, t in enumerate(tgt) if t == pad]
        tgt = [ignore if j in pads[1:] else t for j, t in enumerate(tgt)]
        ins.append(seq[:width][:allowed])
        tgs.append(tgt[:allowed])
    return ins, tgs


def test_collate_on_many_random_batches():
    rng = random.Random(0)
    for trial in range(300):
        pad = rng.choice([50256, 0, 7])
        ignore = rng.choice([-100, -1])
        batch = [[rng.randrange(1, 100) for _ in range(rng.randint(1, 12))]
                 for _ in range(rng.randint(1, 6))]
        batch = [[t if t != pad else t + 200 for t in item] for item in batch]
        allowed = rng.choice([None, 1, 3, 8, 20])
        inputs, targets = custom_collate_fn(batch, pad, ignore, allowed)
        width = max(len(b) for b in batch)  # longest + 1 end-of-text, minus 1 for the shift
        expected_width = width if allowed is None else min(width, allowed)
        # Invariant: as wide as the longest item (padded to it plus one, shifted), then cut.
        assert inputs.shape == targets.shape == (len(batch), expected_width)
        full_in, full_tg = custom_collate_fn(batch, pad, ignore, None)
        assert torch.equal(inputs, full_in[:, :expected_width])
        assert torch.equal(targets, full_tg[:, :expected_width])
        for row, item in enumerate(batch):
            n = len(item)
            # Invariant: inputs are the item then padding.
            assert full_in[row, :n].tolist() == item
            assert (full_in[row, n:] == pad).all()
            # Invariant: targets are the inputs shifted by one, the first end-of-text kept...
            assert full_tg[row, : n - 1].tolist() == item[1:]
            assert full_tg[row, n - 1].item() == pad
            # ...and every later padding position replaced by ignore_index.
            assert (full_tg[row, n:] == ignore).all()
        # Invariant: agrees with an independent by-value statement of the book's rule.
        ref_in, ref_tg = _by_value_reference(batch, pad, ignore, allowed)
        assert inputs.tolist() == ref_in and targets.tolist() == ref_tg, f"trial {trial}"


def test_collate_keeps_a_pad_token_inside_the_text():
    # Invariant: masking is by position, so an end-of-text token inside the text stays a target.
    inputs, targets = custom_collate_fn([[1, 50256, 2], [3]])
    assert targets.tolist() == [[50256, 2, 50256], [50256, -100, -100]]


def test_collate_with_instruction_lengths():
    rng = random.Random(1)
    for _ in range(100):
        items = [[rng.randrange(1, 100) for _ in range(rng.randint(2, 10))] for _ in range(4)]
        lengths = [rng.randint(1, len(item)) for item in items]
        _, plain = custom_collate_fn(items)
        inputs, targets = custom_collate_fn(list(zip(lengths, items)))
        for row, length in enumerate(lengths):
            # Invariant: the targets that predict prompt tokens (the first length - 1) are -100,
            assert (targets[row, : length - 1] == -100).all()
            # and everything from the first response token on is as without masking.
            assert torch.equal(targets[row, length - 1 :], plain[row, length - 1 :])


def test_collate_errors_and_device():
    with pytest.raises(ValueError, match="empty"):
        custom_collate_fn([])
    inputs, targets = custom_collate_fn([[1, 2]], device="cpu")
    # Invariant: integer token tensors on the requested device.
    assert inputs.dtype == targets.dtype == torch.long and inputs.device.type == "cpu"


def test_masked_positions_do_not_count_in_the_loss(seed):
    logits = torch.randn(2, 5, 11)
    _, targets = custom_collate_fn([[1, 2, 3, 4, 5], [6, 7]], pad_token_id=10)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten())
    keep = targets.flatten() != -100
    manual = torch.nn.functional.cross_entropy(logits.flatten(0, 1)[keep], targets.flatten()[keep])
    # Invariant: -100 targets are skipped by cross_entropy's default ignore_index.
    assert torch.allclose(loss, manual)


def test_create_instruction_dataloaders(data, tokenizer):
    train, val, test = split_instruction_data(data[:40])
    loaders = create_instruction_dataloaders(train, val, test, tokenizer, batch_size=8,
                                             allowed_max_length=64)
    train_loader, val_loader, test_loader = loaders
    # Invariant: training drops the last partial batch; validation and test keep every record.
    assert len(train_loader) == len(train) // 8
    assert sum(len(x) for x, _ in test_loader) == len(test)
    x, y = next(iter(val_loader))
    assert x.shape == y.shape and x.shape[1] <= 64
    # Invariant: the seeded shuffle gives the same batches every time.
    again = create_instruction_dataloaders(train, val, test, tokenizer, batch_size=8,
                                           allowed_max_length=64)[0]
    assert all(torch.equal(a[0], b[0]) for a, b in zip(train_loader, again))


# --- responses ----------------------------------------------------------------------------------


def test_extract_response():
    prompt = "### Instruction:\nName a color."
    # Invariant: the prompt and the header are removed, whitespace stripped.
    assert extract_response(prompt + "\n\n### Response:\nRed.\n", prompt) == "Red."
    assert extract_response("<|user|>\nHi" + "\n<|assistant|>:\nHello", "<|user|>\nHi",
                            prompt_style="phi3") == "Hello"


def test_generate_responses_with_a_tiny_model(data, tokenizer, tiny_cfg, seed):
    from llmscratch import GPTModel

    cfg = {**tiny_cfg, "context_length": 128}
    model = GPTModel(cfg)
    entries = [e for e in data if len(tokenizer.encode(format_input(e))) < 100][:3]
    results = generate_responses(model, tokenizer, entries, max_new_tokens=5, progress=False)
    # Invariant: every record comes back with a string response; the inputs are not modified.
    assert [r["instruction"] for r in results] == [e["instruction"] for e in entries]
    assert all(isinstance(r["model_response"], str) for r in results)
    assert all("model_response" not in e for e in entries)
    # Invariant: the response is what greedy generation appends to the prompt.
    from llmscratch import generate, text_to_token_ids, token_ids_to_text

    prompt = format_input(entries[0])
    out = generate(model, text_to_token_ids(prompt, tokenizer), 5, 128, eos_id=50256)
    expected = extract_response(token_ids_to_text(out, tokenizer), prompt)
    assert results[0]["model_response"] == expected


def test_save_json_is_atomic_and_round_trips(tmp_path):
    path = save_json([{"a": 1}], tmp_path / "out" / "responses.json")
    # Invariant: the file holds the data and no temporary file is left behind.
    assert json.loads(path.read_text()) == [{"a": 1}]
    assert [p.name for p in path.parent.iterdir()] == ["responses.json"]


# --- judge reply parsing and ROUGE-L --------------------------------------------------------------


def test_parse_score():
    # Invariant: one number from 0 to 100 is a score; anything else is not.
    assert parse_score("85") == 85 and parse_score(" Score: 85.\n") == 85
    assert parse_score("72.5") == 72.5
    for reply in ("", "I think it is good", "between 80 and 90", "150", "-"):
        assert parse_score(reply) is None, reply


def _lcs_brute_force(a, b):
    for k in range(min(len(a), len(b)), 0, -1):
        subs = set(itertools.combinations(a, k))
        if any(c in subs for c in itertools.combinations(b, k)):
            return k
    return 0


def test_rouge_l_hand_values():
    # Invariant: hand-computed F1 values (lcs 3, precision 3/3, recall 3/4 -> 6/7).
    assert rouge_l_score("the cat sat", "the cat sat down") == pytest.approx(6 / 7)
    # lcs("a b c d e", "a c e f") = 3: precision 3/5, recall 3/4 -> 2/3.
    assert rouge_l_score("a b c d e", "a c e f") == pytest.approx(2 * 0.6 * 0.75 / 1.35)
    # Invariant: case and punctuation do not matter; identical texts score 1, disjoint 0.
    assert rouge_l_score("The Cat, sat!", "the cat sat") == pytest.approx(1.0)
    assert rouge_l_score("red", "blue") == 0.0
    assert rouge_l_score("", "blue") == 0.0
    entries = [{"output": "the cat sat down", "model_response": "the cat sat"}]
    assert generate_rouge_scores(entries, "model_response") == [pytest.approx(600 / 7)]


def test_rouge_l_matches_brute_force_lcs():
    rng = random.Random(3)
    for _ in range(150):
        a = [rng.choice("abcd") for _ in range(rng.randint(1, 7))]
        b = [rng.choice("abcd") for _ in range(rng.randint(1, 7))]
        lcs = _lcs_brute_force(a, b)
        expected = 0.0 if lcs == 0 else 2 * lcs / (len(a) + len(b))
        # Invariant: F1 = 2 * lcs / (len(a) + len(b)), with lcs from an exhaustive search.
        assert rouge_l_score(" ".join(a), " ".join(b)) == pytest.approx(expected)
