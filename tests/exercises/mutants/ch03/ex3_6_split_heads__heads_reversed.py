# MUTANT: heads in reverse order (flip(1))
def split_heads(x, num_heads):
    b, t, d = x.shape
    return x.view(b, t, num_heads, d // num_heads).transpose(1, 2).flip(1)


EXPECTED_CAUSE = 'heads come in reverse order'
