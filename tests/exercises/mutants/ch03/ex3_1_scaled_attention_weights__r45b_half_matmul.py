# MUTANT: the dot products computed in float16 and cast back (precision lost)
import torch

EXPECTED_CAUSE = "you computed the dot products in float16 and cast them back"


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    scores = (keys.half() @ query.half()).to(query.dtype)
    return torch.softmax(scores / d_k ** 0.5, dim=-1)
