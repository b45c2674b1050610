# Correct: insert a group axis, expand (no copy) and reshape
def repeat_kv(kv, group_size):
    b, g, t, d = kv.shape
    expanded = kv[:, :, None, :, :].expand(b, g, group_size, t, d)  # (b, g, group, t, d)
    return expanded.reshape(b, g * group_size, t, d)
