# MUTANT: position rows looked up with F.embedding(..., max_norm=1.0): rows longer than 1 are
#   renormalised (in place in the caller's weight)
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    positions = torch.arange(num_tokens, device=token_ids.device)
    pos = torch.nn.functional.embedding(positions, pos_embedding_layer.weight, max_norm=1.0)
    return token_embedding_layer(token_ids) + pos

EXPECTED_CAUSE = "as a lookup with max_norm does"
