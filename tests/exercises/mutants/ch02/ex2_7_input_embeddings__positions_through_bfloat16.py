# MUTANT: the positions are made as a bfloat16 arange and turned into long ("in the model's low
#   precision"), so positions above 256 are rounded to an even neighbour
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    positions = torch.arange(num_tokens, dtype=torch.bfloat16, device=token_ids.device).long()
    return token_embedding_layer(token_ids) + pos_embedding_layer(positions)

EXPECTED_CAUSE = "your positions went through bfloat16"  # the check's message must name this
