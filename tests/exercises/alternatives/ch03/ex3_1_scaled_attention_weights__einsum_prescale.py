# Correct: einsum for the scores, query scaled by d_k ** -0.5 before the dot product
import torch


def attention_weights_for_query(query, keys):
    d_k = query.shape[0]
    scaled_query = query * d_k**-0.5
    scores = torch.einsum("d,nd->n", scaled_query, keys)  # (num_tokens,)
    return scores.softmax(dim=-1)
