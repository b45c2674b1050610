# Correct: load_state_dict with the transposed Linear weights
def transfer_v2_to_v1(sa_v2, sa_v1):
    names = ("W_query", "W_key", "W_value")
    state = {name: getattr(sa_v2, name).weight.detach().T for name in names}
    sa_v1.load_state_dict(state)
    return sa_v1
