"""Tokenize a text and show what a GPT sees: ids, pieces, counts and the first training batches.

Chapter 2's main job (the book's §2.2-2.6 in one command). It reads a string, a file or the-verdict,
encodes it with the chosen tokenizer, prints the first ids next to their text pieces, the counts
(characters, tokens, distinct tokens, bytes per token) and the first sliding-window batch of
(input, target) pairs that a GPT would be trained on.

Tokenizers:
- ``gpt2``: tiktoken's GPT-2 encoding (``llmscratch.get_gpt2_tokenizer``), the book's choice;
- ``bpe``: our from-scratch ``BPETokenizer`` with GPT-2's files (or ``--bpe-file`` from
  ``BPETokenizer.save``); ``--compare`` checks it id-for-id against tiktoken and times both;
- ``simple``: the word-level ``SimpleTokenizerV2`` with a vocabulary built from the text itself.

Examples::

    python ch02_tokenizing/tokenize_text.py --verdict
    python ch02_tokenizing/tokenize_text.py --verdict --tokenizer bpe --compare
    python ch02_tokenizing/tokenize_text.py --text "Hello, do you like tea?" --tokenizer simple
    python ch02_tokenizing/tokenize_text.py --file notes.txt --max-length 8 --stride 2

``<|endoftext|>`` in the text is the GPT-2 tokenizer's special token (id 50256), as in the book's
§2.4 and as ``train_gpt.py`` uses it between documents. A file that is not UTF-8 text, an empty
text or a bad count stops with one line naming the file or flag (``--debug`` shows the
traceback).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from llmscratch import scripting as sc

QUICK, FULL = {"max_chars": 2000}, {"max_chars": None}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Tokenize text and show ids, pieces, counts and sliding-window batches.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--text", help="the text to tokenize, given on the command line")
    source.add_argument("--file", type=sc.existing_file, help="a UTF-8 text file to tokenize")
    source.add_argument("--verdict", action="store_true",
                        help="tokenize the-verdict (the book's short story; found or downloaded "
                             "through llmscratch.assets) - the default when no text is given")
    parser.add_argument("--tokenizer", choices=["gpt2", "bpe", "simple"], default="gpt2",
                        help="gpt2 = tiktoken, bpe = our from-scratch BPE, simple = word level")
    parser.add_argument("--bpe-file", type=sc.existing_file, default=None,
                        help="with --tokenizer bpe: a JSON file written by BPETokenizer.save "
                             "(default: GPT-2's encoder.json and vocab.bpe)")
    parser.add_argument("--compare", action="store_true",
                        help="with --tokenizer bpe: also encode with tiktoken, check the ids are "
                             "identical and report both timings")
    parser.add_argument("--show", type=sc.nonnegative_int, default=20,
                        help="how many tokens to print")
    parser.add_argument("--max-length", type=sc.positive_int, default=4,
                        help="sliding-window length")
    parser.add_argument("--stride", type=sc.positive_int, default=4,
                        help="step between window starts")
    parser.add_argument("--batch-size", type=sc.positive_int, default=8, help="windows per batch")
    parser.add_argument("--max-chars", type=sc.positive_int, default=None,
                        help=f"use only the first N characters "
                             f"{sc.preset_help('max_chars', QUICK, FULL)}")
    parser.add_argument("--quick", action="store_true",
                        help="use only the first 2,000 characters (a fast smoke run)")
    sc.add_run_args(parser, fast=False)  # --device: where the first batch goes; --debug
    return parser


def parse_args(argv=None):
    """The checked arguments: every refusal happens here, before any text is read."""
    args = sc.apply_presets(build_parser().parse_args(argv), QUICK, FULL)
    if args.text == "":
        raise sc.ScriptError("--text is empty: give the text to tokenize")
    if args.compare and args.tokenizer != "bpe":
        raise sc.ScriptError("--compare needs --tokenizer bpe (it compares our BPE with "
                             "tiktoken)")
    if args.bpe_file is not None and args.tokenizer != "bpe":
        raise sc.ScriptError("--bpe-file is read only with --tokenizer bpe")
    return args


def load_text(args) -> tuple[str, str]:
    """The text to tokenize and a short name for where it came from."""
    if args.text is not None:
        return args.text, "--text"
    if args.file is not None:
        from llmscratch.classification import read_utf8_text

        text = read_utf8_text(args.file, "UTF-8 text")
        if not text:
            raise sc.ScriptError(f"--file {args.file} is empty: nothing to tokenize")
        return text, str(args.file)
    from llmscratch.assets import get_asset_path

    return get_asset_path("the-verdict").read_text(encoding="utf-8"), "the-verdict"


def make_tokenizer(name: str, text: str, bpe_file: Path | None):
    """Return ``(tokenizer, vocab_size, piece_of)`` where ``piece_of(id)`` is the id's text."""
    from llmscratch import BPETokenizer, SimpleTokenizerV2, build_vocab, get_gpt2_tokenizer

    if name == "gpt2":
        tok = get_gpt2_tokenizer()
        return tok, tok.n_vocab, lambda i: tok.decode([i])
    if name == "bpe":
        if bpe_file is not None:
            try:
                tok = BPETokenizer.load(bpe_file)
            except (ValueError, KeyError, TypeError, UnicodeDecodeError) as err:
                raise sc.ScriptError(f"--bpe-file {bpe_file} is not a file written by "
                                     f"BPETokenizer.save ({type(err).__name__}: {err})") from None
        else:
            from llmscratch.assets import get_asset_path

            tok = BPETokenizer.from_gpt2_files(
                get_asset_path("gpt2-encoder-json"), get_asset_path("gpt2-vocab-bpe")
            )
        return tok, tok.n_vocab, lambda i: tok.decode([i])
    vocab = build_vocab(text, special_tokens=("<|endoftext|>", "<|unk|>"))
    tok = SimpleTokenizerV2(vocab)
    return tok, len(vocab), lambda i: tok.int_to_str[i]


def encode(tok, text: str) -> list[int]:
    if hasattr(tok, "special_tokens") or hasattr(tok, "special_tokens_set"):
        return tok.encode(text, allowed_special={"<|endoftext|>"})
    return tok.encode(text)


def first_batch(text, tok, max_length, stride, batch_size, device):
    """The first (inputs, targets) batch of GPTDatasetV1 windows, or None if none fits."""
    from torch.utils.data import DataLoader

    from llmscratch import GPTDatasetV1

    try:
        dataset = GPTDatasetV1(text, tok, max_length=max_length, stride=stride)
    except ValueError as err:
        print(f"no sliding windows: {err}")
        return 0, None, None
    loader = DataLoader(dataset, batch_size=batch_size, shuffle=False)
    inputs, targets = next(iter(loader))
    return len(dataset), inputs.to(device), targets.to(device)


def main(argv=None) -> dict:
    args = parse_args(argv)
    from llmscratch import get_device

    device = get_device(args.device)
    text, source = load_text(args)
    if args.max_chars is not None:
        text = text[: args.max_chars]
    tok, vocab_size, piece_of = make_tokenizer(args.tokenizer, text, args.bpe_file)

    start = time.perf_counter()
    ids = encode(tok, text)
    seconds = time.perf_counter() - start
    shown = ids[: args.show]
    pieces = [piece_of(i) for i in shown]
    counts = Counter(ids)
    num_bytes = len(text.encode("utf-8"))
    print(f"source: {source}  tokenizer: {args.tokenizer} (vocabulary {vocab_size:,})")
    print(f"{len(text):,} characters, {num_bytes:,} bytes -> {len(ids):,} tokens "
          f"({len(counts):,} distinct), {num_bytes / max(len(ids), 1):.2f} bytes per token, "
          f"encoded in {seconds * 1000:.1f} ms")
    print(f"first {len(shown)} tokens (id: piece):")
    for i, piece in zip(shown, pieces):
        print(f"  {i:>6}: {piece!r}")
    common = [(piece_of(i), n) for i, n in counts.most_common(5)]
    print("most frequent:", ", ".join(f"{p!r} x{n}" for p, n in common))

    result = {
        "source": source, "tokenizer": args.tokenizer, "vocab_size": vocab_size,
        "num_chars": len(text), "num_bytes": num_bytes, "num_tokens": len(ids),
        "num_distinct": len(counts), "bytes_per_token": num_bytes / max(len(ids), 1),
        "first_ids": shown, "first_pieces": pieces, "encode_seconds": seconds,
        "device": str(device),
    }
    if args.compare:
        result.update(compare_with_tiktoken(tok, text, ids, args.tokenizer))

    num_windows, inputs, targets = first_batch(
        text, tok, args.max_length, args.stride, args.batch_size, device
    )
    result["num_windows"] = num_windows
    if inputs is not None:
        print(f"{num_windows:,} windows (max_length={args.max_length}, stride={args.stride}); "
              f"first batch {tuple(inputs.shape)} on {device}:")
        for x, y in list(zip(inputs.tolist(), targets.tolist()))[:4]:
            print(f"  input {x} -> target {y}")
        result["first_inputs"] = inputs.tolist()
        result["first_targets"] = targets.tolist()
    return result


def compare_with_tiktoken(tok, text, ids, name) -> dict:
    """Encode with tiktoken too; report whether the ids are identical and both timings."""
    from llmscratch import get_gpt2_tokenizer

    reference = get_gpt2_tokenizer()
    start = time.perf_counter()
    expected = reference.encode(text, allowed_special={"<|endoftext|>"})
    seconds = time.perf_counter() - start
    identical = ids == expected
    first_diff = next((k for k, (a, b) in enumerate(zip(ids, expected)) if a != b), None)
    print(f"tiktoken: {len(expected):,} tokens in {seconds * 1000:.1f} ms; identical ids: "
          f"{identical}" + ("" if identical else f" (first difference at token {first_diff})"))
    return {"identical_to_tiktoken": identical, "tiktoken_seconds": seconds}


if __name__ == "__main__":
    sc.run_script(main)
