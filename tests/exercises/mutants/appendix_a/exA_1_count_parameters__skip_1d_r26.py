# MUTANT: skips 1-D parameters (biases, norm weights) with p.dim() != 1; a scalar is kept
def count_parameters(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad and p.dim() != 1)


EXPECTED_CAUSE = "leaves out the 1-D parameters"
