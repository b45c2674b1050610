# MUTANT: the one-hot comparison is done against a float arange (torch.arange(V,
#   dtype=weight.dtype)), so with a float16 weight ids above 2048 match the wrong or no row
import torch


def embedding_via_onehot(token_ids, weight):
    classes = torch.arange(weight.shape[0], dtype=weight.dtype, device=token_ids.device)
    one_hot = (token_ids.unsqueeze(-1).to(weight.dtype) == classes).to(weight.dtype)
    return one_hot @ weight

EXPECTED_CAUSE = "compares the ids as bfloat16 numbers"  # the check's message must name this
