# MUTANT: one output buffer kept in a global and reused: a later call overwrites a result
import torch

EXPECTED_CAUSE = "written into one buffer kept between calls"


_buffer = None


def repeat_kv(kv, group_size):
    global _buffer
    b, g, t, d = kv.shape
    shape = (b, g * group_size, t, d)
    if _buffer is None or _buffer.shape != shape or _buffer.dtype != kv.dtype:
        _buffer = torch.empty(shape, dtype=kv.dtype, device=kv.device)
    _buffer.copy_(kv.repeat_interleave(group_size, dim=1))
    return _buffer
