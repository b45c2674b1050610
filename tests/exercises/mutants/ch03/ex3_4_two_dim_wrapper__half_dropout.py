# MUTANT: dropout divided between the two heads (dropout / 2)
"""Exercise 3.4 (solution): a two-head wrapper whose context vectors have 2 dimensions.

Book exercise 3.2.
"""

from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    """Build a ``MultiHeadAttentionWrapper`` with 2 heads whose output has 2 dimensions per token.

    The wrapper concatenates its heads, so its output size is ``num_heads * d_out``. Return the
    module for inputs of shape ``(batch, num_tokens, d_in)``, passing ``context_length`` and
    ``dropout`` through. Example: ``make_two_dim_wrapper(3, 6, 0.0)(batch)`` on the chapter's
    ``(2, 6, 3)`` batch has shape ``(2, 6, 2)``.
    """
    return MultiHeadAttentionWrapper(d_in, 1, context_length, dropout / 2, num_heads=2)


EXPECTED_CAUSE = 'dropout rates are [0.125]'  # the check's message must name this
