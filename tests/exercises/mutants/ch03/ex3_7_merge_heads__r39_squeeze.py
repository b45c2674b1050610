# MUTANT: unpacks after context_vec.squeeze(), which drops a batch of one (and a single head)
def merge_heads(context_vec):
    x = context_vec.squeeze()
    if x.dim() == 3:
        x = x.unsqueeze(0)
    b, num_heads, num_tokens, head_dim = x.shape
    return x.transpose(1, 2).reshape(b, num_tokens, num_heads * head_dim)


EXPECTED_CAUSE = "a dimension of size 1 is the trouble"
