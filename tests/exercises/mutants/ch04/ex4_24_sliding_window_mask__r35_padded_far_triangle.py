# MUTANT: the far part is a padded (n - window) triangle, which fails when window > num_tokens
import torch
import torch.nn.functional as F

EXPECTED_CAUSE = "a size such as num_tokens - window is negative"


def sliding_window_mask(num_tokens, window):
    future = torch.ones(num_tokens, num_tokens, dtype=torch.bool).triu(1)
    far = torch.ones(num_tokens - window, num_tokens - window, dtype=torch.bool).tril()
    far = F.pad(far, (0, window, window, 0))
    return future | far
