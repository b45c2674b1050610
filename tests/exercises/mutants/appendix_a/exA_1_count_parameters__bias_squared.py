# MUTANT: size computed as shape[0] * shape[-1], which squares every 1-D bias
def count_parameters(model):
    return sum(p.shape[0] * p.shape[-1] for p in model.parameters() if p.requires_grad)

EXPECTED_CAUSE = "p.shape[-1]"
