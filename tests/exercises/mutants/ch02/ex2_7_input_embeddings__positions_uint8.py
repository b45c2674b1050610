# MUTANT: positions pass through uint8 (to save memory), so a sequence longer than 256 tokens
#   wraps back to position 0
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    batch, num_tokens = token_ids.shape
    positions = torch.arange(num_tokens, device=token_ids.device).to(torch.uint8).long()
    pos = pos_embedding_layer(positions).expand(batch, -1, -1)
    return token_embedding_layer(token_ids) + pos

EXPECTED_CAUSE = "as a uint8"  # the check's message must name this
