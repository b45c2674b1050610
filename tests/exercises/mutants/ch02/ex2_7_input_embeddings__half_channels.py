# MUTANT: positions added only to the first half of the embedding channels
import torch

EXPECTED_CAUSE = "the position rows reach only part of emb_dim"


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    n = token_ids.shape[1]
    tok = token_embedding_layer(token_ids)
    pos = pos_embedding_layer(torch.arange(n, device=token_ids.device))
    half = tok.shape[-1] // 2
    return torch.cat([tok[..., :half] + pos[:, :half], tok[..., half:]], dim=-1)
