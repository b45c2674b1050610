# MUTANT: view(b, n, head_dim, num_heads).transpose(1, 3)
def split_heads(x, num_heads):
    b, n, d = x.shape
    return x.view(b, n, d // num_heads, num_heads).transpose(1, 3)


EXPECTED_CAUSE = 'viewed as (b, num_tokens, head_dim, num_heads)'
