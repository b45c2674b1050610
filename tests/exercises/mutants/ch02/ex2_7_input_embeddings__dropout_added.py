# MUTANT: adds dropout (F.dropout, always active) to the embeddings
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    positions = torch.arange(num_tokens, device=token_ids.device)
    x = token_embedding_layer(token_ids) + pos_embedding_layer(positions)
    return torch.nn.functional.dropout(x, p=0.1)


EXPECTED_CAUSE = 'applied dropout'  # the check's message must name this
