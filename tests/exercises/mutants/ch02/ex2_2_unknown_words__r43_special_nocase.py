# MUTANT: special tokens matched without case (<|EndOfText|> gets the <|endoftext|> id)
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    out = []
    for p in pieces:
        if p.startswith("<|") and p.endswith("|>"):
            p = p.lower()
        out.append(vocab.get(p, unk))
    return out

EXPECTED_CAUSE = "matches special tokens in any case"
