# MUTANT: the divisor made as a float16 tensor, so sqrt(d_k) is rounded to 11 bits
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    scale = torch.tensor(d_k, dtype=torch.float16).sqrt()  # half precision "to save memory"
    return torch.softmax((keys @ query) / scale, dim=-1)


EXPECTED_CAUSE = "sqrt(d_k) rounded to float16"  # the check's message must name this
