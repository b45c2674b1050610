# Correct: the token lookup through F.embedding with every option of the layer, sparse included
import torch
import torch.nn.functional as F


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    t = token_embedding_layer
    tok = F.embedding(token_ids, t.weight, padding_idx=t.padding_idx, max_norm=t.max_norm,
                      norm_type=t.norm_type, scale_grad_by_freq=t.scale_grad_by_freq,
                      sparse=t.sparse)
    pos = pos_embedding_layer(torch.arange(num_tokens, device=token_ids.device))
    return tok + pos
