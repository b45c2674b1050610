# MUTANT: the sum is gathered in a torch.zeros buffer made with no device or dtype (CPU, float32)
import torch

EXPECTED_CAUSE = "your result left the device of its inputs"


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    token_embeddings = token_embedding_layer(token_ids)
    positions = torch.arange(num_tokens, device=token_ids.device)
    pos_embeddings = pos_embedding_layer(positions)
    out = torch.zeros(token_ids.shape[0], num_tokens, token_embeddings.shape[-1])
    out += token_embeddings
    out += pos_embeddings
    return out
