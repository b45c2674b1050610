# MUTANT: the pieces are looked up with surrounding quotes stripped (p.strip('"\'')), so a quote
#   or apostrophe piece becomes an empty string and gets <|unk|>
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p.strip('"\''), unk) for p in pieces]

EXPECTED_CAUSE = "are quotes or apostrophes"  # the check's message must name this
