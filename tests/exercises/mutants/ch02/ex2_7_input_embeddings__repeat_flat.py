# MUTANT: positions arange(num_tokens).repeat(batch): flat (b*T,) positions
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    token_embeddings = token_embedding_layer(token_ids)  # (batch_size, num_tokens, emb_dim)
    positions = torch.arange(num_tokens, device=token_ids.device).repeat(token_ids.shape[0])
    pos_embeddings = pos_embedding_layer(positions)  # (num_tokens, emb_dim), broadcast over batch
    return token_embeddings + pos_embeddings


EXPECTED_CAUSE = "repeated once per sequence in one flat row"
