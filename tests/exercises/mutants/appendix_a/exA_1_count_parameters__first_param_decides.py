# MUTANT: trainability read once from the first parameter and applied to all
def count_parameters(model):
    first = next(model.parameters(), None)
    if first is None or not first.requires_grad:
        return 0
    return sum(p.numel() for p in model.parameters())


EXPECTED_CAUSE = "by its FIRST parameter's requires_grad"
