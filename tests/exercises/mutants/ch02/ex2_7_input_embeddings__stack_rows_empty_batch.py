# MUTANT: each sequence embedded on its own and the rows stacked with torch.stack, which fails on
# an empty batch
import torch

EXPECTED_CAUSE = "embeds each sequence on its own and stacks"


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    positions = torch.arange(num_tokens, device=token_ids.device)
    pos = pos_embedding_layer(positions)
    return torch.stack([token_embedding_layer(row) + pos for row in token_ids])
