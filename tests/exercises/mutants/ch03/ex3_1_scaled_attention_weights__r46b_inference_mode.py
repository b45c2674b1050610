# MUTANT: scores computed under torch.inference_mode(): no gradient reaches the inputs
import torch


def attention_weights_for_query(query, keys):
    with torch.inference_mode():
        scores = keys @ query / keys.shape[-1] ** 0.5
    return torch.softmax(scores, dim=-1)

EXPECTED_CAUSE = "torch.inference_mode()"
