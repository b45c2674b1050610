# MUTANT: an unknown piece shaped like a special token (<|...|>) given the <|endoftext|> id
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    out = []
    for p in pieces:
        if p in vocab:
            out.append(vocab[p])
        elif p.startswith("<|") and p.endswith("|>"):
            out.append(vocab["<|endoftext|>"])
        else:
            out.append(unk)
    return out


EXPECTED_CAUSE = 'piece shaped like a special token'
