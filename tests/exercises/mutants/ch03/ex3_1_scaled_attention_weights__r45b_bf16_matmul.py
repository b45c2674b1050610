# MUTANT: the dot products computed in bfloat16 and cast back (precision lost)
import torch

EXPECTED_CAUSE = "you computed the dot products in bfloat16 and cast them back"


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    scores = (keys.bfloat16() @ query.bfloat16()).to(query.dtype)  # "fast matmul"
    return torch.softmax(scores / d_k ** 0.5, dim=-1)
