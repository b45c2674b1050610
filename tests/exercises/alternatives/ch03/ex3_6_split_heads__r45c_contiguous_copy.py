# Correct: the same split, then .contiguous() (a copy with the same values, shape and dtype)
def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    head_dim = d_out // num_heads
    return x.view(b, num_tokens, num_heads, head_dim).transpose(1, 2).contiguous()
