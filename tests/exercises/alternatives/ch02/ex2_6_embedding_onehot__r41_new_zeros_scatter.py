# Correct: a one-hot made by weight.new_zeros (the weight's dtype and device) and scatter_
def embedding_via_onehot(token_ids, weight):
    one_hot = weight.new_zeros(*token_ids.shape, weight.shape[0])
    one_hot.scatter_(-1, token_ids.unsqueeze(-1), 1.0)
    return one_hot @ weight
