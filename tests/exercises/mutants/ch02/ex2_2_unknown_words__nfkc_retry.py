# MUTANT: unknown pieces are retried after NFKC normalisation
import re
import unicodedata


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, vocab.get(unicodedata.normalize("NFKC", p), unk)) for p in pieces]

EXPECTED_CAUSE = "again in another form (unicodedata.normalize('NFKC')"
