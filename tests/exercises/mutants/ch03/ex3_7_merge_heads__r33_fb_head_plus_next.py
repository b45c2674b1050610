# MUTANT: head 0's vector added to every other head before the merge (no replay knows it)

EXPECTED_CAUSE = "head 1's slot holds head 1's vector plus head 0's"
def merge_heads(context_vec):
    b, num_heads, num_tokens, head_dim = context_vec.shape
    mixed = context_vec.clone()
    mixed[:, 1:] = context_vec[:, 1:] + context_vec[:, :1]
    return mixed.transpose(1, 2).reshape(b, num_tokens, num_heads * head_dim)
