# MUTANT: the last token of every copy is never written (a buffer filled one token short).
import torch


def repeat_kv(kv, group_size):
    out = torch.zeros(kv.shape[0], kv.shape[1] * group_size, kv.shape[2], kv.shape[3],
                      dtype=kv.dtype, device=kv.device)
    out[:, :, :-1] = torch.repeat_interleave(kv[:, :, :-1], group_size, dim=1)
    return out


EXPECTED_CAUSE = "a buffer filled only in part"
