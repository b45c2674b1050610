# Correct: heads split into size-1 pieces, joined along the features, head dim squeezed
import torch


def merge_heads(context_vec):
    return torch.cat(torch.split(context_vec, 1, dim=1), dim=-1).squeeze(1)
