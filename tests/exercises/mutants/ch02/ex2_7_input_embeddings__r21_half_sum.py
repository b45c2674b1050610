"""The sum is computed in float16 and cast back."""
import torch

EXPECTED_CAUSE = "rounded to torch.float16"


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    n = token_ids.shape[1]
    pos = pos_embedding_layer(torch.arange(n, device=token_ids.device))
    tok = token_embedding_layer(token_ids)
    return (tok.half() + pos.half()).to(tok.dtype)
