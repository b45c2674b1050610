# MUTANT: the geometric mean of the sequences' perplexities written as a product to the power
# 1 / n: the product overflows float32 for a batch of 16 ordinary sequences.
import torch

EXPECTED_CAUSE = "their product overflows float32"


def perplexity(logits, targets):
    per_seq = torch.stack([torch.nn.functional.cross_entropy(logits[i], targets[i])
                           for i in range(logits.shape[0])])
    ppl = torch.exp(per_seq)
    return (torch.prod(ppl) ** (1.0 / len(ppl))).item()
