# MUTANT: copies the value weights into W_key and the key weights into W_value
"""Exercise 3.3 (solution): copy SelfAttention_v2's weights into SelfAttention_v1.

Book exercise 3.1.
"""

import torch


def transfer_v2_to_v1(sa_v2, sa_v1):
    """Copy the query, key and value weights of ``sa_v2`` into ``sa_v1`` and return ``sa_v1``.

    ``sa_v2`` is a ``SelfAttention_v2(d_in, d_out)`` (``nn.Linear`` layers, no bias) and
    ``sa_v1`` a ``SelfAttention_v1(d_in, d_out)`` (``nn.Parameter`` matrices). Afterwards
    ``sa_v1(x)`` must equal ``sa_v2(x)`` for every input ``x`` of shape ``(num_tokens, d_in)``.
    Remember that ``nn.Linear`` stores its weight as ``(d_out, d_in)`` and computes
    ``x @ weight.T``, while v1 computes ``x @ W`` with ``W`` of shape ``(d_in, d_out)``.
    """
    with torch.no_grad():
        sa_v1.W_query.copy_(sa_v2.W_query.weight.T)
        sa_v1.W_key.copy_(sa_v2.W_value.weight.T)
        sa_v1.W_value.copy_(sa_v2.W_key.weight.T)
    return sa_v1


EXPECTED_CAUSE = "sa_v1.W_key holds sa_v2.W_value's weights"  # the check's message must name this
