# MUTANT: only float32 parameters counted (a float64/float16/bfloat16 model gives 0)
import torch


def count_parameters(model):
    return sum(p.numel() for p in model.parameters()
               if p.requires_grad and p.dtype == torch.float32)


EXPECTED_CAUSE = 'only the float32 parameters'
