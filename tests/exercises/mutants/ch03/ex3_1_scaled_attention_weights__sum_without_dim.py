# MUTANT: scores summed with no dim: one score for every token, uniform weights
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    score = (keys * query).sum() / d_k**0.5
    return torch.softmax(score.expand(keys.shape[0]).clone(), dim=-1)


EXPECTED_CAUSE = 'same weight, 1 / num_tokens'
