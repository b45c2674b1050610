# MUTANT: trailing comma returns a 1-tuple instead of an int
def count_parameters(model):
    total = sum(p.numel() for p in model.parameters() if p.requires_grad)
    return total,


EXPECTED_CAUSE = 'trailing comma'
