# Correct: transpose(1, 2) then flatten(start_dim=2)
def merge_heads(context_vec):
    return context_vec.transpose(1, 2).flatten(start_dim=2)
