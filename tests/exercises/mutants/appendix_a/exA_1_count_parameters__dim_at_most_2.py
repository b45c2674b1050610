# MUTANT: parameters with more than 2 dimensions skipped
def count_parameters(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad and p.dim() <= 2)


EXPECTED_CAUSE = "more than 2 dimensions"  # the check's message must name this
