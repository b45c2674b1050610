# MUTANT: identity matrix made on the CPU, not on the ids' device
import torch


def embedding_via_onehot(token_ids, weight):
    eye = torch.eye(weight.shape[0], dtype=weight.dtype)
    return eye[token_ids] @ weight


EXPECTED_CAUSE = "'meta' device"  # the check's message must name this
