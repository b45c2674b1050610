# MUTANT: class indices made as an int16 arange (to save memory): ids past 32,767 match no column
import torch

EXPECTED_CAUSE = "your class indices wrapped round"


def embedding_via_onehot(token_ids, weight):
    classes = torch.arange(weight.shape[0], device=token_ids.device, dtype=torch.int16)
    one_hot = (token_ids.unsqueeze(-1) == classes).to(weight.dtype)
    return one_hot @ weight
