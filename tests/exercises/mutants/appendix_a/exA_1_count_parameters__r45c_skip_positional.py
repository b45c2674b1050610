# MUTANT: parameters whose name holds 'pos' left out (a learned position embedding)
import torch


def count_parameters(model: torch.nn.Module) -> int:
    return sum(p.numel() for name, p in model.named_parameters()
               if p.requires_grad and "pos" not in name)


EXPECTED_CAUSE = "leaves out the learned position embedding"
