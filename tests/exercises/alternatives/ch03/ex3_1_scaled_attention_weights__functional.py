# Correct: query @ keys.T, math.sqrt, F.softmax
import math

import torch.nn.functional as F


def attention_weights_for_query(query, keys):
    scores = query @ keys.T  # (d_k,) @ (d_k, num_tokens) -> (num_tokens,)
    return F.softmax(scores / math.sqrt(keys.shape[1]), dim=0)
