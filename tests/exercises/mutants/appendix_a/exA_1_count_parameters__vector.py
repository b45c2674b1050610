# MUTANT: parameters_to_vector over the trainable parameters, then numel: it flattens with
#         .view(-1), which fails on a parameter not stored contiguously
from torch.nn.utils import parameters_to_vector

EXPECTED_CAUSE = "parameters_to_vector flattens every parameter with .view(-1)"


def count_parameters(model):
    trainable = [p for p in model.parameters() if p.requires_grad]
    if not trainable:
        return 0
    return parameters_to_vector(trainable).numel()
