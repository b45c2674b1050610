# MUTANT: torch.range includes its end, so there is one position too many
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    positions = torch.range(0, num_tokens, dtype=torch.long, device=token_ids.device)
    return token_embedding_layer(token_ids) + pos_embedding_layer(positions)


EXPECTED_CAUSE = "torch.range, which includes its end"
