# Correct: a range check on the ids first (reads values: meta cannot run it, a real device can)
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    assert num_tokens <= pos_embedding_layer.num_embeddings, "sequence longer than the context"
    assert bool((token_ids < token_embedding_layer.num_embeddings).all()), "id past the vocabulary"
    positions = torch.arange(num_tokens, device=token_ids.device)
    return token_embedding_layer(token_ids) + pos_embedding_layer(positions)
