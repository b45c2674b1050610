# MUTANT: each trainable parameter counted by its last size, p.shape[-1]
def count_parameters(model):
    return sum(p.shape[-1] if p.dim() else 1 for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = "by its LAST size"
