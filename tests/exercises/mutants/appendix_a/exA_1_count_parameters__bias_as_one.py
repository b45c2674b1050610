"""Mutant: 2-D weights counted as rows times columns, every other parameter as 1."""


def count_parameters(model):
    total = 0
    for p in model.parameters():
        if not p.requires_grad:
            continue
        total += p.shape[0] * p.shape[1] if p.dim() == 2 else 1
    return total


EXPECTED_CAUSE = "every other parameter as ONE"
