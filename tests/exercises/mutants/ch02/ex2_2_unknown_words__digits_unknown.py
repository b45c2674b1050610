import re

EXPECTED_CAUSE = "the number '42' is in the vocabulary"



def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [unk if p.isdigit() or p not in vocab else vocab[p] for p in pieces]
