# MUTANT: <|unk|> id taken as len(vocab) (one past the last id)
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    return [vocab.get(p, len(vocab)) for p in pieces]


EXPECTED_CAUSE = 'one past the last id'
