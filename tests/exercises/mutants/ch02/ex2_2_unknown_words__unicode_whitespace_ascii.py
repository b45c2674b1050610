import re

EXPECTED_CAUSE = 'matched only ASCII whitespace'



def encode_with_unknown(text, vocab):
    pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text, flags=re.A)
    unk = vocab["<|unk|>"]
    return [vocab.get(p.strip(), unk) for p in pieces if p.strip()]
