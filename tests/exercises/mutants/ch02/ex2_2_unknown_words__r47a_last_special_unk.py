# MUTANT: the '<|unk|>' id taken as the last key that starts with '<|'
# (right only where '<|unk|>' follows '<|endoftext|>')
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    specials = [v for k, v in vocab.items() if k.startswith("<|")]
    unk = specials[-1]  # <|unk|> is added after <|endoftext|>
    return [vocab.get(p, unk) for p in pieces]

EXPECTED_CAUSE = "the last special token"
