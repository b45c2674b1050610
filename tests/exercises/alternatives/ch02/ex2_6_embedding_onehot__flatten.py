# Correct: flatten the ids, one-hot by scatter_, 2-D matmul, reshape back
import torch


def embedding_via_onehot(token_ids, weight):
    vocab_size, emb_dim = weight.shape
    flat = token_ids.reshape(-1)  # (N,)
    one_hot = torch.zeros(flat.numel(), vocab_size, dtype=weight.dtype, device=weight.device)
    one_hot.scatter_(1, flat.unsqueeze(1).long(), 1.0)  # (N, vocab_size)
    out = one_hot @ weight  # (N, emb_dim)
    return out.reshape(*token_ids.shape, emb_dim)  # (..., emb_dim)
