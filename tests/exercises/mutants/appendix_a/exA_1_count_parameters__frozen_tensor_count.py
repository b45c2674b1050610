# MUTANT: every parameter's size minus the number of frozen tensors (not their sizes)
def count_parameters(model):
    total = sum(p.numel() for p in model.parameters())
    frozen = sum(1 for p in model.parameters() if not p.requires_grad)
    return total - frozen


EXPECTED_CAUSE = "minus the NUMBER of frozen parameter tensors"
