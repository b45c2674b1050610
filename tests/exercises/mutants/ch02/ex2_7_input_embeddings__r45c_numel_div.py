# MUTANT: num_tokens as token_ids.numel() // token_ids.shape[0]: divides by 0 on an empty batch
import torch

EXPECTED_CAUSE = "the batch size is 0"


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.numel() // token_ids.shape[0]
    positions = torch.arange(num_tokens, device=token_ids.device)
    return token_embedding_layer(token_ids) + pos_embedding_layer(positions)
