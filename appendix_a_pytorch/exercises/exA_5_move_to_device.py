"""Exercise A.5: move a model and a batch to a device.

Ours: the book has no exercise for this; it practises the appendix's code.

Edit this file, then check it with ``python -m llmscratch check appendix_a``.
The answer is in ../solutions/exA_5_move_to_device.py (try first!).
"""


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
    raise NotImplementedError("your code here")
