# MUTANT: the batch size fixed to 1 in the view
def split_heads(x, num_heads):
    n, d = x.shape[1], x.shape[2]
    return x.reshape(1, n, num_heads, d // num_heads).transpose(1, 2)


EXPECTED_CAUSE = 'fixes the batch size to 1'
