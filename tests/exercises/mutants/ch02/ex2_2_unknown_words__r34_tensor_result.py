# MUTANT: returns a torch tensor of ids instead of a list
import re

import torch


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return torch.tensor([vocab.get(p, unk) for p in pieces])

EXPECTED_CAUSE = "you returned a Tensor"
