# MUTANT: weight rows sliced one short (weight[:num_tokens - 1])
def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    n = token_ids.shape[1]
    return token_embedding_layer(token_ids) + pos_embedding_layer.weight[: n - 1]


EXPECTED_CAUSE = 'one row short'  # the check's message must name this
