# Correct: slice the first num_tokens rows of the position table instead of calling the layer
def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    _, num_tokens = token_ids.shape
    pos = pos_embedding_layer.weight[:num_tokens]  # (num_tokens, emb_dim)
    return token_embedding_layer(token_ids) + pos.unsqueeze(0)  # (batch, num_tokens, emb_dim)
