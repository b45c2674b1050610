# MUTANT: .data = weight.T.contiguous() in a loop: with d_out = 1 weight.T is already contiguous,
# so .contiguous() returns it without a copy and sa_v1 shares memory with sa_v2
def transfer_v2_to_v1(sa_v2, sa_v1):
    for name in ["W_query", "W_key", "W_value"]:
        linear = getattr(sa_v2, name)
        getattr(sa_v1, name).data = linear.weight.data.transpose(0, 1).contiguous()
    return sa_v1


EXPECTED_CAUSE = ".contiguous() returns it without a copy"
