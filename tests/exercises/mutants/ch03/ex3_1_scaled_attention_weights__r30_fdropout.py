# MUTANT: F.dropout(weights, p=0.1) after the softmax (F.dropout's training=True default
# drops in every call), copied from module code
import torch
import torch.nn.functional as F

EXPECTED_CAUSE = "that is dropout with p = 0.1"


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    scores = keys @ query
    weights = torch.softmax(scores / d_k**0.5, dim=-1)
    return F.dropout(weights, p=0.1)
