# MUTANT: the first parameter tensor is skipped ([1:])
def count_parameters(model):
    params = list(model.parameters())[1:]
    return sum(p.numel() for p in params if p.requires_grad)


EXPECTED_CAUSE = "leaves out the model's first parameter"
