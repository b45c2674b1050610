# MUTANT: unflatten on dimension 1 (the tokens) instead of the last dimension (the features)
def split_heads(x, num_heads):
    head_dim = x.shape[-1] // num_heads
    return x.unflatten(1, (num_heads, head_dim)).transpose(1, 2)

EXPECTED_CAUSE = "You unflattened dim 1"
