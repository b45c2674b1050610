# MUTANT: scores rebuilt with torch.tensor from a loop: float32 dtype and autograd cut
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    scores = torch.tensor([torch.dot(query, k).item() for k in keys])
    return torch.softmax(scores / d_k**0.5, dim=-1)


EXPECTED_CAUSE = 'a new tensor built from plain numbers'  # the check's message must name this
