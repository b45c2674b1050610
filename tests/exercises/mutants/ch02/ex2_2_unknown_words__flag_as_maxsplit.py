# MUTANT: re.UNICODE passed positionally is maxsplit=32: long texts not fully split
import re


def encode_with_unknown(text, vocab):
    parts = re.split(r'([,.:;?_!"()\']|--|\s)', text, re.UNICODE)  # noqa: B034 - the mistake
    pieces = [p.strip() for p in parts if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]


EXPECTED_CAUSE = 'third positional argument is maxsplit'  # the check's message must name this
