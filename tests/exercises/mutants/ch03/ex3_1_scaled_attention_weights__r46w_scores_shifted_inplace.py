# MUTANT: the stabilising shift written in place (scores -= scores.max()), so backward fails
import math

import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    scores = keys @ query
    scores -= scores.max()  # numerical stability
    return torch.softmax(scores / math.sqrt(d_k), dim=-1)


EXPECTED_CAUSE = "scores were shifted in place"  # the check's message must name this
