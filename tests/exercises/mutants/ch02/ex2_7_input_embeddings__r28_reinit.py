# MUTANT: the position layer is re-initialised with nn.init.normal_ inside the function
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    torch.nn.init.normal_(pos_embedding_layer.weight)
    num_tokens = token_ids.shape[1]
    positions = torch.arange(num_tokens, device=token_ids.device)
    return token_embedding_layer(token_ids) + pos_embedding_layer(positions)


EXPECTED_CAUSE = "changed the caller's layer"
