# MUTANT: the <|unk|> id is taken as the id of the vocabulary's last entry (the book adds <|unk|>
#   last), not vocab["<|unk|>"]
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = list(vocab.values())[-1]
    return [vocab.get(p, unk) for p in pieces]

EXPECTED_CAUSE = "the vocabulary's last entry"
