# MUTANT: parameters collected in a dict keyed by shape: equal-shaped parameters counted once
def count_parameters(model):
    sizes = {tuple(p.shape): p.numel() for p in model.parameters() if p.requires_grad}
    return sum(sizes.values())


EXPECTED_CAUSE = "a dict keyed by size or shape"
