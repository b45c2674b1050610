# MUTANT: the default is vocab.get('<unk>'), a misspelled key: unknown words get None
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    return [vocab.get(p, vocab.get("<unk>")) for p in pieces]


EXPECTED_CAUSE = 'looked up under another name'
