import re

EXPECTED_CAUSE = "upper case ('nasa' as 'NASA'"



def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, vocab.get(p.upper(), unk)) for p in pieces]
