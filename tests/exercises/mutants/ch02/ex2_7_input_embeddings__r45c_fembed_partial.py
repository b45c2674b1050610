# MUTANT: token rows from F.embedding(ids, weight, padding_idx=...): scale_grad_by_freq lost
import torch
import torch.nn.functional as F

EXPECTED_CAUSE = "scale_grad_by_freq is lost"


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    tok = F.embedding(token_ids, token_embedding_layer.weight,
                      padding_idx=token_embedding_layer.padding_idx)
    positions = torch.arange(num_tokens, device=token_ids.device)
    return tok + pos_embedding_layer(positions)
