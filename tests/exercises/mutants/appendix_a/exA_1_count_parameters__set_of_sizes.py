# MUTANT: a set of sizes collapses parameters that have the same number of elements
def count_parameters(model):
    return sum({p.numel() for p in model.parameters() if p.requires_grad})

EXPECTED_CAUSE = "set of sizes"
