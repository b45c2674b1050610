# MUTANT: scalar (0-d) parameters skipped (if p.dim())
def count_parameters(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad and p.dim())


EXPECTED_CAUSE = 'leaves out the scalar parameters'
