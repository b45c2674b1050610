# Correct: the one-hot rows flattened and multiplied with torch.addmm over a zero bias row
# (beta * 0 adds nothing), then viewed back to the ids' shape
import torch


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0]).to(weight.dtype)
    flat = one_hot.reshape(-1, weight.shape[0])
    out = torch.addmm(weight.new_zeros(1, weight.shape[1]), flat, weight)
    return out.reshape(*token_ids.shape, weight.shape[1])
