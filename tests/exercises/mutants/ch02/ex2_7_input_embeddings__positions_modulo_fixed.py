# MUTANT: the positions are taken modulo a fixed block size of 200 (copied from a training script)
#   instead of being left as 0..num_tokens-1
import torch

BLOCK_SIZE = 200


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    positions = torch.arange(num_tokens, device=token_ids.device) % BLOCK_SIZE
    return token_embedding_layer(token_ids) + pos_embedding_layer(positions)

EXPECTED_CAUSE = "your positions wrap round at 200"  # the check's message must name this
