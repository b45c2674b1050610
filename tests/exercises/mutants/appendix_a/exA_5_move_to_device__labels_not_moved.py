# MUTANT: forgets to move the labels.
"""Exercise A.5 (solution): move a model and a batch to a device."""


def move_to_device(model, features, labels, device):
    """Put ``model``, ``features`` and ``labels`` on ``device``; return ``(model, features,
    labels)``.

    Careful: ``model.to(device)`` moves a module's parameters in place, but ``tensor.to(device)``
    does not change ``tensor``: it returns a new tensor on the device, which you must keep.
    ``device`` may be a string ("cpu", "cuda", "mps", ...) or a ``torch.device``.

    Example: ``move_to_device(NeuralNetwork(2, 2), X, y, "meta")`` returns a model whose
    parameters are all on the ``meta`` device (PyTorch's shape-only device, available
    everywhere) and features and labels with ``.device.type == "meta"``.
    """
    model = model.to(device)
    features = features.to(device)
    return model, features, labels


EXPECTED_CAUSE = 'you forgot to move them'  # the check's message must name this
