# MUTANT: one too many per parameter tensor (numel() + 1)
def count_parameters(model):
    return sum(p.numel() + 1 for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = "plus the NUMBER of trainable parameter tensors"
