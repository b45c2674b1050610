# MUTANT: the result viewed to (shape[0], shape[1], emb_dim): 2-D ids only
import torch


def embedding_via_onehot(token_ids, weight):
    flat = token_ids.reshape(-1)
    one_hot = torch.nn.functional.one_hot(flat, num_classes=weight.shape[0]).to(weight.dtype)
    out = one_hot @ weight
    return out.view(token_ids.shape[0], token_ids.shape[1], weight.shape[1])


EXPECTED_CAUSE = 'assumes two dimensions'  # the check's message must name this
