# Correct: .data = weight.T.clone(): a copy (clone keeps the transposed strides, so the parameter is
# non-contiguous, which x @ W does not mind)
def transfer_v2_to_v1(sa_v2, sa_v1):
    sa_v1.W_query.data = sa_v2.W_query.weight.data.T.clone()
    sa_v1.W_key.data = sa_v2.W_key.weight.data.T.clone()
    sa_v1.W_value.data = sa_v2.W_value.weight.data.T.clone()
    return sa_v1
