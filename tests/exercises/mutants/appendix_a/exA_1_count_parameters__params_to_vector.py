# MUTANT: parameters_to_vector of the trainable ones crashes when all are frozen
import torch


def count_parameters(model):
    trainable = [p for p in model.parameters() if p.requires_grad]
    return torch.nn.utils.parameters_to_vector(trainable).numel()


EXPECTED_CAUSE = 'the answer is then 0'
