# MUTANT: an unknown piece gets the id of the NEXT piece (off-by-one index in a loop over range)
import re

EXPECTED_CAUSE = "got the id of the NEXT piece"


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    ids = []
    for k in range(len(pieces)):
        p = pieces[k]
        after = pieces[min(k + 1, len(pieces) - 1)]
        ids.append(vocab[p] if p in vocab else vocab.get(after, unk))
    return ids
