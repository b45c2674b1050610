# MUTANT: words with the two largest ids become <|unk|> (taken for the special tokens)
import re

EXPECTED_CAUSE = "or a test of your own besides p in vocab"


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    top = max(vocab.values())
    return [vocab[p] if p in vocab and (vocab[p] < top - 1 or p.startswith("<|")) else unk
            for p in pieces]
