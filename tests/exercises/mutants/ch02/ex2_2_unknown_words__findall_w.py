# MUTANT: re.findall with \w+ for words (another tutorial's pattern): symbols like - $ % dropped, _
# kept inside words
import re

EXPECTED_CAUSE = 'a word is a run of'


def encode_with_unknown(text, vocab):
    pieces = re.findall(r'<\|endoftext\|>|--|[,.:;?_!"()\']|\w+', text)
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]
