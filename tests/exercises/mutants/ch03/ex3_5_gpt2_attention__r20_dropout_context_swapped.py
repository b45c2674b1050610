# MUTANT: positional args in the wrong order: dropout and context_length swapped (dropout=1024)
from llmscratch import MultiHeadAttention


def make_gpt2_attention():
    return MultiHeadAttention(768, 768, 0.0, 1024, 12)


EXPECTED_CAUSE = 'context_length and dropout are swapped'  # the check's message must name this
