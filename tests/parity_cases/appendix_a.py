"""Parity cases for the Appendix A notebooks: the notebook vs llmscratch.pytorch_basics.

See tests/parity.py: the runner seeds with 123 before every factory call and construction.
"""

import torch
from torch.utils.data import DataLoader

from llmscratch import NeuralNetwork, ToyDataset, make_toy_data


def _toy_loader():
    X_train, y_train, _, _ = make_toy_data()
    # batches of 2, 2 and 1: an accuracy that averages per batch would differ
    return DataLoader(ToyDataset(X_train, y_train), batch_size=2, shuffle=False)


def _half_trained_model():
    """A seeded, randomly initialized network: its accuracy on the toy data is neither 0 nor 1."""
    torch.manual_seed(7)
    return NeuralNetwork(2, 2)


CASES = {
    "NeuralNetwork": {
        "kwargs": lambda: dict(num_inputs=2, num_outputs=3),
        "inputs": lambda: (torch.rand(4, 2),),
    },
    "ToyDataset": {
        "kwargs": lambda: dict(X=make_toy_data()[0], y=make_toy_data()[1]),
        "probe": lambda ds: (len(ds), ds[0], ds[4], ds.features, ds.labels),
    },
    "compute_accuracy": {
        "inputs": lambda: (_half_trained_model(), _toy_loader()),
    },
}
