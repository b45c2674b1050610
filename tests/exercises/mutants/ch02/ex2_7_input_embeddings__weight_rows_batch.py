# MUTANT: weight rows sliced by the batch size (weight[:len(token_ids)])
def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    return token_embedding_layer(token_ids) + pos_embedding_layer.weight[: len(token_ids)]


EXPECTED_CAUSE = 'as many rows as the batch size'  # the check's message must name this
