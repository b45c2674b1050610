# MUTANT: every head gets the whole vector (as each head of the wrapper sees all of its
# input): x repeated along a new heads dimension; the shape fallback reads each size
EXPECTED_CAUSE = "your shape reads as (b, num_heads, num_tokens, num_heads * head_dim)"


def split_heads(x, num_heads):
    return x.unsqueeze(1).expand(-1, num_heads, -1, -1)
