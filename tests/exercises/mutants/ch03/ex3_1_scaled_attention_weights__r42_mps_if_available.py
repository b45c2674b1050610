# MUTANT: moves the query and keys to Apple's MPS device when available
import torch


def attention_weights_for_query(query, keys):
    if torch.backends.mps.is_available():
        query, keys = query.to("mps"), keys.to("mps")
    d_k = keys.shape[-1]
    return torch.softmax(keys @ query / d_k**0.5, dim=-1)


EXPECTED_CAUSE = "to the GPU when one is available"  # the check's message must name this
