# Correct: str.split() first, then the punctuation split per word (str.split and \s agree
# on whitespace: both use str.isspace)
import re


def encode_with_unknown(text, vocab):
    unk = vocab["<|unk|>"]
    ids = []
    for word in text.split():
        for p in re.split(r'([,.:;?_!"()\']|--)', word):
            if p:
                ids.append(vocab.get(p, unk))
    return ids
