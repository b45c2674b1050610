# MUTANT: the positions are capped at 255 (clamp(max=255), "GPT-style position limit" copied from
#   a blog), so every token from 256 on adds row 255
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    positions = torch.arange(num_tokens, device=token_ids.device).clamp(max=255)
    return token_embedding_layer(token_ids) + pos_embedding_layer(positions)

EXPECTED_CAUSE = "your positions stop growing at 255"  # the check's message must name this
