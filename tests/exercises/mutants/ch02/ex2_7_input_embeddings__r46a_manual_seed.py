# MUTANT: torch.manual_seed(123) in the function: the global generator reseeded every call
import torch

EXPECTED_CAUSE = "reseeds pytorch's global random generator"


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    torch.manual_seed(123)
    num_tokens = token_ids.shape[1]
    token_embeddings = token_embedding_layer(token_ids)  # (batch_size, num_tokens, emb_dim)
    positions = torch.arange(num_tokens, device=token_ids.device)
    pos_embeddings = pos_embedding_layer(positions)  # (num_tokens, emb_dim), broadcast over batch
    return token_embeddings + pos_embeddings
