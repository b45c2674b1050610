# MUTANT: the merged result cast with .double() for precision (float32 heads come back float64)
def merge_heads(context_vec):
    b, num_heads, num_tokens, head_dim = context_vec.shape
    return context_vec.transpose(1, 2).reshape(b, num_tokens, num_heads * head_dim).double()


EXPECTED_CAUSE = "float32 heads of shape (2, 3, 5, 2): your result is torch.float64"
