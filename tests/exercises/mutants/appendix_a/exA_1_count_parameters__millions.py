# MUTANT: returns the count in millions (divides by 1e6)
def count_parameters(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad) / 1e6


EXPECTED_CAUSE = "the count in millions"
