# MUTANT: one-hot rows times how often their id occurs in the batch (a bag-of-words count)
import torch


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0])
    one_hot = one_hot.to(weight.dtype)
    counts = one_hot.reshape(-1, weight.shape[0]).sum(0)
    return (one_hot * counts) @ weight


EXPECTED_CAUSE = 'how often that id occurs among the ids'
