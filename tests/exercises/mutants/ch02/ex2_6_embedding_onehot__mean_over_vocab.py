# MUTANT: one-hot rows times the weight, then a mean over the vocabulary instead of a sum
import torch


def embedding_via_onehot(token_ids, weight):
    oh = torch.nn.functional.one_hot(token_ids, weight.shape[0]).to(weight.dtype)
    return (oh.unsqueeze(-1) * weight).mean(-2)


EXPECTED_CAUSE = "1/vocab_size"
