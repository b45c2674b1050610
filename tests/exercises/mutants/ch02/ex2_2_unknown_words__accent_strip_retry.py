# MUTANT: unknown pieces are retried with their accents stripped
import re
import unicodedata


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]

    def plain(p):
        return unicodedata.normalize("NFKD", p).encode("ascii", "ignore").decode()

    return [vocab.get(p, vocab.get(plain(p), unk)) for p in pieces]

EXPECTED_CAUSE = "accents stripped"
