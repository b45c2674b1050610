# MUTANT: the sum done in float32 for bfloat16 layers and not cast back
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    tok = token_embedding_layer(token_ids)
    pos = pos_embedding_layer(torch.arange(num_tokens, device=token_ids.device))
    if tok.dtype in (torch.float16, torch.bfloat16):
        return tok.float() + pos.float()
    return tok + pos

EXPECTED_CAUSE = "upcast 'for accuracy' that is never cast back"
