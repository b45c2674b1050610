# MUTANT: an unknown word split at an apostrophe (couldn't) is given one '<|unk|>' for the
# whole contraction: the '<|unk|>' of "couldn", the "'" and the unknown "t" are joined
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    ids = [vocab.get(p, unk) for p in pieces]
    out = []
    for k, i in enumerate(ids):
        if i == unk and k >= 2 and pieces[k - 1] == "'" and ids[k - 2] == unk:
            out.pop()  # the "'" just added: the contraction stays one unknown word
            continue
        out.append(i)
    return out


EXPECTED_CAUSE = "the \"'\" after it and an unknown piece after that into one"
