# MUTANT: the piece after every '?' gets the <|unk|> id (a sentence-start rule)
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    out = []
    for k, p in enumerate(pieces):
        out.append(unk if k and pieces[k - 1] == "?" else vocab.get(p, unk))
    return out

EXPECTED_CAUSE = "it stands between '?' and 'In'"
