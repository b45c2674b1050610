# MUTANT: <|endoftext|> removed from the text and its id appended at the end (wrong position)
import re


def encode_with_unknown(text, vocab):
    has_eot = "<|endoftext|>" in text
    text = text.replace("<|endoftext|>", " ")
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    ids = [vocab.get(p, unk) for p in pieces]
    if has_eot:
        ids.append(vocab["<|endoftext|>"])
    return ids


EXPECTED_CAUSE = 'put its id at the end'
