# MUTANT: uses torch.nn.MultiheadAttention (biases, no causal mask) instead of the chapter's class
"""Exercise 3.5 (solution): a multi-head attention module the size of GPT-2 small's."""

from llmscratch import MultiHeadAttention


def make_gpt2_attention():
    """Return a ``MultiHeadAttention`` with GPT-2 small's sizes."""
    import torch
    return torch.nn.MultiheadAttention(768, 12, dropout=0.0, batch_first=True)


EXPECTED_CAUSE = 'torch.nn.MultiheadAttention'  # the check's message must name this
