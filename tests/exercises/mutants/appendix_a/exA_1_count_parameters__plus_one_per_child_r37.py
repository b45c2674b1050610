# MUTANT: one extra per child module added (a count of layers mixed into the total)
def count_parameters(model):
    total = sum(p.numel() for p in model.parameters() if p.requires_grad)
    return total + len(list(model.children()))


EXPECTED_CAUSE = "too high by exactly the number of child modules"
