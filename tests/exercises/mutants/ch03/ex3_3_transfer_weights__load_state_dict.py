# MUTANT: sa_v1.load_state_dict(sa_v2.state_dict()): other names and layouts
def transfer_v2_to_v1(sa_v2, sa_v1):
    sa_v1.load_state_dict(sa_v2.state_dict())
    return sa_v1


EXPECTED_CAUSE = "needs the target's own names"  # the check's message must name this
