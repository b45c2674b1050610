# MUTANT: position rows through F.embedding(..., padding_idx=0): row 0 gets no gradient
import torch
import torch.nn.functional as F

EXPECTED_CAUSE = "as a lookup with padding_idx gives its padding row"


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    tok = token_embedding_layer(token_ids)
    positions = torch.arange(num_tokens, device=token_ids.device)
    pos = F.embedding(positions, pos_embedding_layer.weight, padding_idx=0)
    return tok + pos
