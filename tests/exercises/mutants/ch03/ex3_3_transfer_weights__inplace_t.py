# MUTANT: transposes sa_v2's weights in place (t_()) while copying
"""Exercise 3.3 (solution): copy SelfAttention_v2's weights into SelfAttention_v1."""

import torch


def transfer_v2_to_v1(sa_v2, sa_v1):
    """Copy the query, key and value weights of ``sa_v2`` into ``sa_v1`` and return ``sa_v1``."""
    with torch.no_grad():
        sa_v1.W_query.copy_(sa_v2.W_query.weight.t_())
        sa_v1.W_key.copy_(sa_v2.W_key.weight.t_())
        sa_v1.W_value.copy_(sa_v2.W_value.weight.t_())
    return sa_v1


EXPECTED_CAUSE = 'changed sa_v2.W_query.weight'  # the check's message must name this
