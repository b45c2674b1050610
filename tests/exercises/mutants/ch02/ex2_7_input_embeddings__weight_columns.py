"""The position weight sliced along its columns, weight[:, :num_tokens]."""

EXPECTED_CAUSE = "sliced along its columns"


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    n = token_ids.shape[1]
    return token_embedding_layer(token_ids) + pos_embedding_layer.weight[:, :n]
