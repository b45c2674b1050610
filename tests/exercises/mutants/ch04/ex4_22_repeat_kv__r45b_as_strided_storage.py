# MUTANT: the copies made with torch.as_strided and strides computed from the shape (stride 0 for
# the copies), which reads the storage as if kv were contiguous (a transposed kv gives the wrong
# values)
import torch


def repeat_kv(kv, group_size):
    b, g, t, d = kv.shape
    out = torch.as_strided(kv, (b, g, group_size, t, d), (g * t * d, t * d, 0, d, 1),
                           kv.storage_offset())
    return out.reshape(b, g * group_size, t, d)


EXPECTED_CAUSE = "reads kv's memory in storage order"
