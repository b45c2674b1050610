# MUTANT: the <|unk|> id is found as the first key containing "unk" (a word such as "junk" or
#   "drunk" comes first)
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = next(i for w, i in vocab.items() if "unk" in w)
    return [vocab.get(p, unk) for p in pieces]

EXPECTED_CAUSE = "a word that contains 'unk'"
