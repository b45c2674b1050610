# MUTANT: positions made as torch.int16 (nn.Embedding takes only long or int32 ids)
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    positions = torch.arange(token_ids.shape[1], device=token_ids.device, dtype=torch.int16)
    return token_embedding_layer(token_ids) + pos_embedding_layer(positions)

EXPECTED_CAUSE = "narrow integer type"
