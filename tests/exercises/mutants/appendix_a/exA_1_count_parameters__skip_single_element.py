# MUTANT: parameters with a single entry skipped (numel() > 1)
def count_parameters(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad and p.numel() > 1)


EXPECTED_CAUSE = "leaves out every parameter with a single entry"
