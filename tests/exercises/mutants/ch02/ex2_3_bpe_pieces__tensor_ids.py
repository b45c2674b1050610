import torch


def bpe_pieces(text, tokenizer):
    ids = torch.tensor(tokenizer.encode(text))
    return [(i, tokenizer.decode([int(i)])) for i in ids]


EXPECTED_CAUSE = 'torch.Tensor'
