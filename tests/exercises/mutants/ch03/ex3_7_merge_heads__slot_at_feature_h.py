# MUTANT: each head written at feature h instead of h * head_dim: overlapping heads, the tail 0
def merge_heads(context_vec):
    b, num_heads, num_tokens, head_dim = context_vec.shape
    out = context_vec.new_zeros(b, num_tokens, num_heads * head_dim)
    for h in range(num_heads):
        out[:, :, h:h + head_dim] = context_vec[:, h]
    return out

EXPECTED_CAUSE = "written at features k to k + head_dim - 1"
