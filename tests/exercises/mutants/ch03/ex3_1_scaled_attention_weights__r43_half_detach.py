# MUTANT: half the weights detached (right values, half the gradient; no replay: the fallback)
import torch


def attention_weights_for_query(query, keys):
    w = torch.softmax(keys @ query / keys.shape[-1] ** 0.5, dim=-1)
    return w.detach() * 0.5 + w * 0.5


EXPECTED_CAUSE = "their gradient is not that of torch.softmax"  # the fallback names it
