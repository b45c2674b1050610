# MUTANT: set_float32_matmul_precision('medium') in the function (a global setting)
import torch

EXPECTED_CAUSE = "changed pytorch's float32 matmul precision"


def embedding_via_onehot(token_ids, weight):
    torch.set_float32_matmul_precision("medium")  # faster products
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0])
    return one_hot.to(weight.dtype) @ weight  # (..., vocab_size) @ (vocab_size, emb_dim)
