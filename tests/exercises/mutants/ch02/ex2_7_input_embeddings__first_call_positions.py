import torch

_POS = None


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    global _POS
    if _POS is None:
        _POS = torch.arange(token_ids.shape[1], device=token_ids.device)
    return token_embedding_layer(token_ids) + pos_embedding_layer(_POS)


EXPECTED_CAUSE = 'a fresh copy of your file'
