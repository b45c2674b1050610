# Correct: state_dict entries whose name is a trainable parameter's (one name per tied weight)
import torch


def count_parameters(model: torch.nn.Module) -> int:
    trainable = {name for name, p in model.named_parameters() if p.requires_grad}
    entries = model.state_dict(keep_vars=True).items()
    return sum(t.numel() for name, t in entries if name in trainable)
