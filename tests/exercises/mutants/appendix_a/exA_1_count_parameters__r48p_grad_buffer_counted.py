# MUTANT: the buffers walked along with the parameters and every tensor that requires grad
#         counted, so a buffer registered with requires_grad=True counts as trainable
import itertools

EXPECTED_CAUSE = "you counted the buffer because it requires grad"


def count_parameters(model):
    tensors = itertools.chain(model.parameters(), model.buffers())
    return sum(t.numel() for t in tensors if t.requires_grad)
