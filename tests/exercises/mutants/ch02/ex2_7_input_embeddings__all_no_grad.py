# MUTANT: computed under torch.no_grad(): no gradient to either layer
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    with torch.no_grad():
        positions = torch.arange(token_ids.shape[1], device=token_ids.device)
        return token_embedding_layer(token_ids) + pos_embedding_layer(positions)


EXPECTED_CAUSE = 'neither embedding layer gets a gradient'  # the check's message must name this
