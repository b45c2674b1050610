# Correct: "--" padded with spaces first, then split without the "--" alternative; same pieces
import re


def encode_with_unknown(text, vocab):
    text = text.replace("--", " -- ")
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]
