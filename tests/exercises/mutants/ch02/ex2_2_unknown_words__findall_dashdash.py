# MUTANT: -- inside a word not split off (findall word class swallows '-')
import re


def encode_with_unknown(text, vocab):
    unk = vocab["<|unk|>"]
    pieces = re.findall(r'--|[,.:;?_!"()\']|[^\s,.:;?_!"()\']+', text)
    return [vocab.get(p, unk) for p in pieces]


EXPECTED_CAUSE = 'even inside a word'  # the check's message must name this
