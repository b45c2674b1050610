# MUTANT: pieces stripped of '<|>' as well as whitespace, so '<|endoftext|>' is looked up as
#   'endoftext' and gets <|unk|> (no replay: the fallback names the lookup)
import re

EXPECTED_CAUSE = "the key your code looked up was not exactly '<|endoftext|>'"


def encode_with_unknown(text, vocab):
    parts = re.split(r'([,.:;?_!"()\']|--|\s)', text)
    pieces = [p.strip().strip("<|>") for p in parts if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces if p]
