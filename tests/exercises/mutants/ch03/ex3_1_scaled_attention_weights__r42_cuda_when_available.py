# MUTANT: moves query and keys to CUDA when a GPU is available, so the weights come back on another
# device than the inputs
import torch


def attention_weights_for_query(query, keys):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    query, keys = query.to(device), keys.to(device)
    d_k = keys.shape[-1]
    scores = keys @ query
    return torch.softmax(scores / d_k**0.5, dim=-1)


EXPECTED_CAUSE = "moves tensors with .to(...) to a device your code picks"
