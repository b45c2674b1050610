# MUTANT: only parameters on the CPU are counted (`p.device.type == "cpu"`): a model elsewhere
# (meta) gives 0
import torch


def count_parameters(model: torch.nn.Module) -> int:
    return sum(
        p.numel() for p in model.parameters() if p.requires_grad and p.device.type == "cpu"
    )


EXPECTED_CAUSE = 'depends on where the parameters live'
