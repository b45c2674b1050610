# MUTANT: d_k read as shape[0] of the query unsqueezed to (1, d_k), so the divisor is sqrt(1)
import math

import torch


def attention_weights_for_query(query, keys):
    q = query.unsqueeze(0)  # (1, d_k)
    d_k = q.shape[0]
    scores = (q @ keys.T).squeeze(0)
    return torch.softmax(scores / math.sqrt(d_k), dim=-1)


EXPECTED_CAUSE = "its d_k is 1"  # the check's message must name this
