# MUTANT: a range check `(token_ids >= vocab_size).any()` in an if reads a value of the ids
import torch


def embedding_via_onehot(token_ids, weight):
    vocab_size = weight.shape[0]
    if (token_ids >= vocab_size).any() or (token_ids < 0).any():
        raise IndexError("token id out of range")
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=vocab_size)
    return one_hot.to(weight.dtype) @ weight


EXPECTED_CAUSE = 'range check'
