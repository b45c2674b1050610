# MUTANT: the <|unk|> id cached on the function at the first call (stale for another vocab)
import re


def encode_with_unknown(text, vocab):
    if not hasattr(encode_with_unknown, "unk"):
        encode_with_unknown.unk = vocab["<|unk|>"]
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    return [vocab.get(p, encode_with_unknown.unk) for p in pieces]


EXPECTED_CAUSE = 'kept from an earlier call'
