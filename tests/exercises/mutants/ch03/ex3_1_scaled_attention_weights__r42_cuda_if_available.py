# MUTANT: moves the query and keys to CUDA with .cuda() when a GPU is available, so the weights
# leave the inputs' device
import torch


def attention_weights_for_query(query, keys):
    if torch.cuda.is_available():
        query, keys = query.cuda(), keys.cuda()
    d_k = keys.shape[-1]
    return torch.softmax(keys @ query / d_k**0.5, dim=-1)


EXPECTED_CAUSE = "moves tensors to the GPU when one is available"
