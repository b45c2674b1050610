# MUTANT: the flat product is viewed back with the vocabulary size as last dimension instead of
#   emb_dim
import torch


def embedding_via_onehot(token_ids, weight):
    flat = token_ids.reshape(-1)
    one_hot = torch.nn.functional.one_hot(flat, num_classes=weight.shape[0]).to(weight.dtype)
    out = one_hot @ weight
    return out.view(*token_ids.shape, weight.shape[0])

EXPECTED_CAUSE = "you reshaped the product to"
