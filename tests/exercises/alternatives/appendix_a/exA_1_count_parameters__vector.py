# Correct: parameters_to_vector over the trainable parameters, then numel
from torch.nn.utils import parameters_to_vector


def count_parameters(model):
    trainable = [p for p in model.parameters() if p.requires_grad]
    if not trainable:
        return 0
    return parameters_to_vector(trainable).numel()
