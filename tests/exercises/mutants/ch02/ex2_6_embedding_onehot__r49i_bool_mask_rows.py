# MUTANT: rows picked by a boolean one-hot mask (x[mask] runs nonzero: value-sized)
import torch


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0]).bool()
    rows = weight.expand(*token_ids.shape, *weight.shape)[one_hot]
    return rows.reshape(*token_ids.shape, weight.shape[1])


EXPECTED_CAUSE = "a boolean-mask index"  # the check's message must name this
