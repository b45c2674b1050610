# MUTANT: total starts at 0.0: returns a float (752.0) instead of an int
def count_parameters(model):
    total = 0.0
    for p in model.parameters():
        if p.requires_grad:
            total += p.numel()
    return total


EXPECTED_CAUSE = "starts at 0.0"
