# MUTANT: num_heads used as the head size: view(b, n, -1, num_heads)
def split_heads(x, num_heads):
    b, n, d = x.shape
    return x.view(b, n, -1, num_heads).transpose(1, 2)


EXPECTED_CAUSE = 'num_heads as the last size'
