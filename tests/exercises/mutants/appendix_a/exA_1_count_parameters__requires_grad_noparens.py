# MUTANT: p.requires_grad_ without a call is a bound method (always true)
def count_parameters(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad_)


EXPECTED_CAUSE = "the method that SETS the flag"
