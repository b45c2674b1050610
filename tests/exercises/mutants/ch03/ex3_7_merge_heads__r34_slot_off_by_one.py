# MUTANT: heads copied into slots ending at (h+1)*head_dim - 1: each head's last feature stays 0
def merge_heads(context_vec):
    b, num_heads, num_tokens, head_dim = context_vec.shape
    out = context_vec.new_zeros(b, num_tokens, num_heads * head_dim)
    for h in range(num_heads):
        out[:, :, h * head_dim:(h + 1) * head_dim - 1] = context_vec[:, h, :, :head_dim - 1]
    return out

EXPECTED_CAUSE = 'as a slice end off by one leaves it'
