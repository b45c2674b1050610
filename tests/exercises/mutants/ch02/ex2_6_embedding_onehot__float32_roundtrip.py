# MUTANT: computed in float32 then cast back: float64 weights lose precision
import torch


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0]).float()
    return (one_hot @ weight.float()).to(weight.dtype)


EXPECTED_CAUSE = 'lower precision'
