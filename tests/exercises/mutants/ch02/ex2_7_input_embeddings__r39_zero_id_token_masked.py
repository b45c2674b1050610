# MUTANT: token rows of the id 0 zeroed (read as padding): those tokens get only a position row
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    tok = token_embedding_layer(token_ids) * (token_ids != 0).unsqueeze(-1)
    pos = pos_embedding_layer(torch.arange(num_tokens, device=token_ids.device))
    return tok + pos


EXPECTED_CAUSE = 'got no token embedding, only their position row'
