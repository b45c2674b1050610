# MUTANT: no filter on the pieces: empty strings and whitespace become <|unk|>
import re


def encode_with_unknown(text, vocab):
    unk = vocab["<|unk|>"]
    return [vocab.get(p.strip(), unk) for p in re.split(r'([,.:;?_!"()\']|--|\s)', text)]


EXPECTED_CAUSE = 'kept every piece of re.split'
