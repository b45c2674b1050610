# MUTANT: views x as (num_tokens, num_heads, head_dim) and adds a batch of one: fails for b > 1
def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    head_dim = d_out // num_heads
    return x.view(num_tokens, num_heads, head_dim).transpose(0, 1).unsqueeze(0)


EXPECTED_CAUSE = "splits a batch of one right"
