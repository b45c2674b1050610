# MUTANT: p.numel without its call
def count_parameters(model):
    return sum(p.numel for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = "p.numel (or p.size, p.dim) only names the method"
