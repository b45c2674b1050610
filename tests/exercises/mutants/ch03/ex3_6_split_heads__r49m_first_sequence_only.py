# MUTANT: splits x[0] only and adds a batch of one: shape (1, ...) whatever the batch size
def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    head_dim = d_out // num_heads
    return x[0].view(num_tokens, num_heads, head_dim).transpose(0, 1)[None]


EXPECTED_CAUSE = "splits a batch of one right"
