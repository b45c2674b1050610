# MUTANT: p.grad_fn is None (true for every parameter) as the test: frozen counted
def count_parameters(model):
    return sum(p.numel() for p in model.parameters() if p.grad_fn is None)


EXPECTED_CAUSE = "grad_fn None"
