# MUTANT: counts p.grad.numel() (crash on fresh models)
def count_parameters(model):
    return sum(p.grad.numel() for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = "p.grad is None until a loss.backward()"
