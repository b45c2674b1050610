# MUTANT: only parameters without a gradient yet counted (p.grad is None)
def count_parameters(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad and p.grad is None)


EXPECTED_CAUSE = "you kept only the parameters whose p.grad is None"
