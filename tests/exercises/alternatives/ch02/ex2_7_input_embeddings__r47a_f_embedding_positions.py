# Correct: the position rows looked up with F.embedding on the position layer's weight (like
# slicing the weight, settled as correct in ex2_7_input_embeddings__slice.py)
import torch
import torch.nn.functional as F


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    positions = torch.arange(token_ids.shape[1], device=token_ids.device)
    return token_embedding_layer(token_ids) + F.embedding(positions, pos_embedding_layer.weight)
