"""One-hot by scatter_ along dim 0 instead of the last dimension."""

EXPECTED_CAUSE = "along dimension 0"


def embedding_via_onehot(token_ids, weight):
    one_hot = weight.new_zeros(*token_ids.shape, weight.shape[0])
    one_hot.scatter_(0, token_ids.unsqueeze(-1), 1.0)
    return one_hot @ weight
