"""An unknown word is tried again with its hyphens removed."""
import re

EXPECTED_CAUSE = "'co-op' got the id of 'coop'"


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, vocab.get(p.replace("-", ""), unk)) for p in pieces]
