# MUTANT: off-by-one slice keys[1:] leaves the first key out
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    return torch.softmax(keys[1:] @ query / d_k**0.5, dim=-1)


EXPECTED_CAUSE = "your weights are those of keys[1:]"
