# MUTANT: scale computed as a float32 tensor (float16 inputs promoted to float32)
import torch


def attention_weights_for_query(query, keys):
    d_k = torch.tensor(keys.shape[-1], dtype=torch.float32)
    return torch.softmax((keys @ query) / torch.sqrt(d_k).reshape(1), dim=-1)


EXPECTED_CAUSE = "float32 tensor of your own"  # the check's message must name this
