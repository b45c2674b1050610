# MUTANT: load_state_dict(..., strict=False) with v2's names: nothing matches, nothing copied
def transfer_v2_to_v1(sa_v2, sa_v1):
    sa_v1.load_state_dict(sa_v2.state_dict(), strict=False)
    return sa_v1


EXPECTED_CAUSE = 'none of sa_v1\'s three matrices changed'
