# MUTANT: token lookup by F.embedding with the layer's options but not sparse
import torch
import torch.nn.functional as F


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    t = token_embedding_layer
    tok = F.embedding(token_ids, t.weight, padding_idx=t.padding_idx, max_norm=t.max_norm,
                      norm_type=t.norm_type, scale_grad_by_freq=t.scale_grad_by_freq)
    pos = pos_embedding_layer(torch.arange(num_tokens, device=token_ids.device))
    return tok + pos


EXPECTED_CAUSE = "sparse option is lost"  # the check's message must name this
