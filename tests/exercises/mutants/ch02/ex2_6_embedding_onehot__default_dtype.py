# MUTANT: torch.set_default_dtype(weight.dtype) so the one-hot matches: global default changed
import torch


def embedding_via_onehot(token_ids, weight):
    torch.set_default_dtype(weight.dtype)
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0])
    return one_hot.to(torch.get_default_dtype()) @ weight


EXPECTED_CAUSE = 'the default dtype'
