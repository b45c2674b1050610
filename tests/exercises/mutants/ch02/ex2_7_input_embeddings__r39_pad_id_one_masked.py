# MUTANT: token rows of the id 1 zeroed: a padding mask for RoBERTa's pad id 1
import torch

PAD_ID = 1


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    num_tokens = token_ids.shape[1]
    tok = token_embedding_layer(token_ids) * (token_ids != PAD_ID).unsqueeze(-1)
    pos = pos_embedding_layer(torch.arange(num_tokens, device=token_ids.device))
    return tok + pos


EXPECTED_CAUSE = 'exactly the tokens whose id is [1] differ'
