# MUTANT: inputs cast to float32 before the dot products, so bfloat16 inputs give float32 weights
import torch


def attention_weights_for_query(query, keys):
    if query.dtype in (torch.bfloat16,):
        query, keys = query.float(), keys.float()
    d_k = keys.shape[-1]
    return torch.softmax((keys @ query) / d_k ** 0.5, dim=-1)


EXPECTED_CAUSE = "promotes bfloat16 scores"
