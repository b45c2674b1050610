# MUTANT: weights computed under torch.no_grad()
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    with torch.no_grad():
        return torch.softmax(keys @ query / d_k**0.5, dim=-1)


EXPECTED_CAUSE = 'do not depend on them for autograd'
