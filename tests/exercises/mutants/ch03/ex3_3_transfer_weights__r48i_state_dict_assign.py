# MUTANT: the transposed weights put into the dict sa_v1.state_dict() returns, which replaces
# the dict's entries and leaves sa_v1's parameters untouched
def transfer_v2_to_v1(sa_v2, sa_v1):
    v1_state = sa_v1.state_dict()
    v2_state = sa_v2.state_dict()
    for name in ("W_query", "W_key", "W_value"):
        v1_state[name] = v2_state[name + ".weight"].T
    return sa_v1


EXPECTED_CAUSE = "only replaces the dict's entries"  # the check's message must name this
