# Mutant: the input tensor itself returned (no copy) when top_k covers the vocabulary.
import torch


def top_k_filter(logits, top_k):
    if top_k >= logits.shape[-1]:
        return logits
    top_logits, _ = torch.topk(logits, top_k, dim=-1)
    min_val = top_logits[:, -1:]
    return logits.masked_fill(logits < min_val, float("-inf"))


EXPECTED_CAUSE = 'shares its memory'
