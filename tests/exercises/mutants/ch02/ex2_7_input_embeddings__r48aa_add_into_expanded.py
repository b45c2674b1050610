# MUTANT: the position rows expanded over the batch, and the token embeddings added into
# them in place (+=)
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    batch_size, num_tokens = token_ids.shape
    positions = torch.arange(num_tokens, device=token_ids.device)
    out = pos_embedding_layer(positions).expand(batch_size, -1, -1)
    out += token_embedding_layer(token_ids)
    return out


EXPECTED_CAUSE = "wrote the sum into a tensor made with expand"
