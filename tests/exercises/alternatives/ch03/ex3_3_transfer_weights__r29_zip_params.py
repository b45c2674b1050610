# Correct: zip both modules' parameters (query, key, value in both) and copy the transpose
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
        for p1, p2 in zip(sa_v1.parameters(), sa_v2.parameters()):
            p1.copy_(p2.T)
    return sa_v1
