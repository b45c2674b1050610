# MUTANT: one-hot rows from np.eye indexed by token_ids.numpy() (off the ids' device)
import numpy as np
import torch


def embedding_via_onehot(token_ids, weight):
    one_hot = np.eye(weight.shape[0])[token_ids.numpy()]
    return torch.from_numpy(one_hot).to(weight) @ weight


EXPECTED_CAUSE = "into a NumPy array"  # the check's message must name this
