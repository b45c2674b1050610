# Correct: positions made in the ids' own integer dtype (int32 ids give int32 positions,
# which nn.Embedding accepts as well as int64)
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    positions = torch.arange(token_ids.shape[1], device=token_ids.device, dtype=token_ids.dtype)
    return token_embedding_layer(token_ids) + pos_embedding_layer(positions)
