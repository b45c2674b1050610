# Correct: loop over the names with getattr, assign .data = transposed contiguous copy
def transfer_v2_to_v1(sa_v2, sa_v1):
    for name in ["W_query", "W_key", "W_value"]:
        linear = getattr(sa_v2, name)
        getattr(sa_v1, name).data = linear.weight.data.transpose(0, 1).contiguous()
    return sa_v1
