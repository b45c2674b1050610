# MUTANT: parameters deduplicated by their values (torch.equal), meant to skip tied weights;
# equal-valued parameters (two LayerNorms, zero biases) counted once
import torch


def count_parameters(model: torch.nn.Module) -> int:
    seen = []
    total = 0
    for p in model.parameters():
        if not p.requires_grad:
            continue
        if any(q.shape == p.shape and torch.equal(q, p) for q in seen):
            continue  # a tied weight: already counted
        seen.append(p)
        total += p.numel()
    return total


EXPECTED_CAUSE = "skips a parameter whose values equal an earlier one"
