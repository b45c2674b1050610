# MUTANT: each parameter counted as p.view(-1).shape[0], which fails on a parameter not stored
#         contiguously (a transposed weight, a channels_last convolution)
EXPECTED_CAUSE = "your code flattens a parameter with .view(-1)"


def count_parameters(model):
    return sum(p.view(-1).shape[0] for p in model.parameters() if p.requires_grad)
