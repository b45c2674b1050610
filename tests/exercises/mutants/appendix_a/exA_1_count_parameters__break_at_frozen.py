# MUTANT: `break` at the first frozen parameter instead of `continue`
def count_parameters(model):
    total = 0
    for p in model.parameters():
        if not p.requires_grad:
            break
        total += p.numel()
    return total


EXPECTED_CAUSE = "stops counting at the first frozen parameter"
