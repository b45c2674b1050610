import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    return [vocab[p] if p in vocab else vocab["<unk>"] for p in pieces]


EXPECTED_CAUSE = "There is no key '<unk>'"
