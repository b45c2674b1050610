# MUTANT: cuda matmul fp32_precision = 'tf32' (newer API) set in the function
import torch

EXPECTED_CAUSE = "changed pytorch's float32 matmul precision"


def embedding_via_onehot(token_ids, weight):
    torch.backends.cuda.matmul.fp32_precision = "tf32"  # faster float32 products
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0])
    return one_hot.to(weight.dtype) @ weight
