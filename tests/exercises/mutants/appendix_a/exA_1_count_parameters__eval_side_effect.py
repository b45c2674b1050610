# MUTANT: the model is switched to eval mode while counting
def count_parameters(model):
    model.eval()
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = "switches the mode"
