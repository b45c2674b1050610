# MUTANT: identity matrix cached by vocab size in the first call's dtype
import torch

_eye = {}


def embedding_via_onehot(token_ids, weight):
    v = weight.shape[0]
    if v not in _eye:
        _eye[v] = torch.eye(v, dtype=weight.dtype, device=weight.device)
    return _eye[v][token_ids] @ weight


EXPECTED_CAUSE = 'cached by vocab_size'  # the check's message must name this
