# MUTANT: the text cut at its first tab (TSV habit: text.split("\t")[0])
import re


def encode_with_unknown(text, vocab):
    text = text.split("\t")[0]
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]


EXPECTED_CAUSE = "your ids stop at the first"
