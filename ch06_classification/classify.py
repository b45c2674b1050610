"""Classify SMS messages as spam or not spam with a classifier saved by finetune_classifier.py.

    python ch06_classification/classify.py --checkpoint runs/ch06/classifier.pt \\
        "You are a winner! Claim your cash prize now" "Are we still on for dinner?"
    cat messages.txt | python ch06_classification/classify.py --checkpoint runs/ch06/classifier.pt

Messages come from the arguments, or from standard input (one per line, blank lines skipped)
when there are none. Each gets the same padding as the training data (the saved
``max_length``); ``<|endoftext|>`` inside a message is read as plain text, as in training.
Prints one line per message, ``spam``/``not spam``, a tab and the message; ``main(argv)``
returns the labels.
"""

from __future__ import annotations

import argparse
import sys

from llmscratch.scripting import ScriptError, add_run_args, run_script


def build_parser():
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    p.add_argument("messages", nargs="*", help="messages to classify (default: read stdin)")
    p.add_argument("--checkpoint", default="runs/ch06/classifier.pt",
                   help="classifier file written by finetune_classifier.py")
    p.add_argument("--quick", action="store_true",
                   help="accepted for symmetry with the other scripts; classifying is already fast")
    add_run_args(p, fast=False)
    return p


def main(argv=None):
    args = build_parser().parse_args(argv)
    from pathlib import Path

    from llmscratch import classify_review, get_device, get_gpt2_tokenizer, load_classifier

    if not Path(args.checkpoint).is_file():
        raise ScriptError(f"no classifier at {args.checkpoint}: train one first with "
                          "python ch06_classification/finetune_classifier.py --out runs/ch06")
    empty = [i + 1 for i, text in enumerate(args.messages) if not text.strip()]
    if empty:
        raise ScriptError(f"message {empty[0]} is empty: give the text to classify")
    device = get_device(args.device)
    model, _, settings = load_classifier(args.checkpoint, device=device)
    tokenizer = get_gpt2_tokenizer()
    messages = args.messages or [line.rstrip("\n") for line in sys.stdin if line.strip()]
    labels = []
    for text in messages:
        label = classify_review(text, model, tokenizer, device,
                                max_length=settings.get("max_length"),
                                pad_token_id=settings.get("pad_token_id", 50256))
        labels.append(label)
        print(f"{label}\t{text}")
    return labels


if __name__ == "__main__":
    run_script(main)
