# MUTANT: a frozen parameter that still holds a .grad is counted
def count_parameters(model):
    return sum(p.numel() for p in model.parameters()
               if p.requires_grad or p.grad is not None)


EXPECTED_CAUSE = "still hold a .grad"
