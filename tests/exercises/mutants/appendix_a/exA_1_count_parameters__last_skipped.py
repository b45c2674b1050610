# MUTANT: the last parameter skipped by a [:-1] slice
def count_parameters(model):
    return sum(p.numel() for p in list(model.parameters())[:-1] if p.requires_grad)


EXPECTED_CAUSE = "last parameter"  # the check's message must name this
