# MUTANT: the result is squeezed: a batch of one (a size-1 dimension) disappears
import torch


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0])
    return (one_hot.to(weight.dtype) @ weight).squeeze()


EXPECTED_CAUSE = 'squeezed'
