# MUTANT: only the parameters under model.layers (assumes the book's .layers attribute)
import torch
import torch.nn as nn


def count_parameters(model):
    return sum(p.numel() for p in model.layers.parameters() if p.requires_grad)


EXPECTED_CAUSE = "Only the book's NeuralNetwork keeps its layers"
