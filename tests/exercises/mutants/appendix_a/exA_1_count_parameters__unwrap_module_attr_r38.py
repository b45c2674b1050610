# MUTANT: getattr(model, "module", model) to unwrap DDP: a layer named module is counted alone
import torch


def count_parameters(model: torch.nn.Module) -> int:
    model = getattr(model, "module", model)  # DistributedDataParallel keeps the real model here
    return sum(p.numel() for p in model.parameters() if p.requires_grad)

EXPECTED_CAUSE = "that is model.module alone"
