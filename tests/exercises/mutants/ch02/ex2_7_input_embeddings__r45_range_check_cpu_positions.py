# MUTANT: a range check on the ids that raises, then positions made on the CPU
import torch

EXPECTED_CAUSE = 'your positions were made on cpu'


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    if (token_ids >= token_embedding_layer.num_embeddings).any():
        raise ValueError("a token id is past the vocabulary")
    num_tokens = token_ids.shape[1]
    positions = torch.arange(num_tokens)
    return token_embedding_layer(token_ids) + pos_embedding_layer(positions)
