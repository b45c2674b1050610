# MUTANT: repeated <|endoftext|> collapsed by a re.sub that writes a space after the token
import re


def encode_with_unknown(text, vocab):
    text = re.sub(r'(<\|endoftext\|>\s*)+', '<|endoftext|> ', text)
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]

EXPECTED_CAUSE = "a space written after each '<|endoftext|>'"
