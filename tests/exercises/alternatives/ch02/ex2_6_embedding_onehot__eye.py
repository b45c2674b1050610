# Correct: one-hot rows taken from torch.eye in the weight's dtype, then torch.matmul
import torch


def embedding_via_onehot(token_ids, weight):
    vocab_size = weight.size(0)
    eye = torch.eye(vocab_size, dtype=weight.dtype, device=weight.device)
    one_hot = eye[token_ids]  # (..., vocab_size)
    return torch.matmul(one_hot, weight)  # (..., emb_dim)
