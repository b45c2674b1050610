# MUTANT: scores as query @ keys where keys are square (right only with the .T elsewhere)
import torch

EXPECTED_CAUSE = "the softmax of query @ keys"


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    # the learner "fixed" the shape crash for the book's (6, 2) keys only
    attn_scores = query @ keys.T if keys.shape[0] != keys.shape[1] else query @ keys
    return torch.softmax(attn_scores / d_k**0.5, dim=-1)
