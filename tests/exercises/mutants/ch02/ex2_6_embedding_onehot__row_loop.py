# MUTANT: the rows picked one by one with weight[i] in a loop, no one-hot product
import torch


def embedding_via_onehot(token_ids, weight):
    rows = [weight[i] for i in token_ids.reshape(-1).tolist()]
    return torch.stack(rows).reshape(*token_ids.shape, weight.shape[1])


EXPECTED_CAUSE = "read weight's rows by index"  # the check's message must name this
