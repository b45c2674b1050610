# MUTANT: a text with no pieces returns [vocab['<|unk|>']] (an 'unknown text' guard), not []
import re

EXPECTED_CAUSE = 'an id was added although the split of this text makes no pieces'


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    if not pieces:
        return [unk]
    return [vocab.get(p, unk) for p in pieces]
