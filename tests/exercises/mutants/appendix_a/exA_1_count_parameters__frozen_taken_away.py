# MUTANT: the frozen parameters subtracted from the trainable count
def count_parameters(model):
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    frozen = sum(p.numel() for p in model.parameters() if not p.requires_grad)
    return trainable - frozen


EXPECTED_CAUSE = "the trainable count MINUS the frozen parameters"
