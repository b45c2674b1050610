# Correct: one-hot rows times the weight elementwise, summed over the vocabulary dimension
import torch


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0])
    # (..., vocab_size, 1) * (vocab_size, emb_dim), summed over vocab_size
    return (one_hot.to(weight.dtype).unsqueeze(-1) * weight).sum(-2)
