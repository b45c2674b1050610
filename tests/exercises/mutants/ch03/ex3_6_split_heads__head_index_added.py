# MUTANT: each head's block gets its head index added (a "head tag" idea), so heads 1.. are off by h
def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    head_dim = d_out // num_heads
    heads = x.view(b, num_tokens, num_heads, head_dim).transpose(1, 2)
    tag = __import__("torch").arange(num_heads, dtype=x.dtype).view(1, -1, 1, 1)
    return heads + tag

EXPECTED_CAUSE = "Head 2: every value is off by the same amount, +2"
