# MUTANT: `total = p.numel()` instead of `total += p.numel()`
def count_parameters(model):
    total = 0
    for p in model.parameters():
        if p.requires_grad:
            total = p.numel()
    return total


EXPECTED_CAUSE = "the LAST trainable parameter alone"
