"""Appendix A: a PyTorch primer, from tensors to distributed data-parallel training.

Book: Appendix A ("Introduction to PyTorch"). Notebooks:
``appendix_a_pytorch/part1_tensors_autograd.ipynb`` (tensors, autograd, the multilayer
perceptron, datasets, the training loop, accuracy, saving) and
``appendix_a_pytorch/part2_devices_and_ddp.ipynb`` (devices and DistributedDataParallel).
Script: ``appendix_a_pytorch/ddp_train.py``.

What is inside:

- ``make_toy_data``: the book's toy classification data, 5 training and 2 test points of 2 features.
- ``ToyDataset``: a ``torch.utils.data.Dataset`` over a feature tensor and a label tensor.
- ``NeuralNetwork``: the book's multilayer perceptron (two hidden layers of 30 and 20 units).
- ``compute_accuracy``: the fraction of correctly classified examples in a data loader.
- ``train_toy_model``: the book's training loop (SGD, cross-entropy), returning every batch loss.
- ``save_model_weights`` / ``load_model_weights``: a ``state_dict`` to and from disk, safely.
- ``init_distributed`` / ``cleanup_distributed`` / ``make_toy_loaders``: what ``ddp_train.py``
  needs to run under ``torchrun`` (or as a plain single process).

How it differs from the book: ``compute_accuracy`` and ``train_toy_model`` take an optional
``device`` (the book has a second copy of each for the GPU section), ``compute_accuracy`` puts the
model back into the mode it found it in, and the distributed helpers read the environment that
``torchrun`` sets instead of spawning processes with ``torch.multiprocessing.spawn``. Names,
argument names and ``state_dict`` keys (``layers.0.weight`` ... ``layers.4.bias``) are the book's.

Run the lessons with ``jupyter lab appendix_a_pytorch/`` and the script with::

    python appendix_a_pytorch/ddp_train.py                          # one process
    torchrun --nproc_per_node=2 appendix_a_pytorch/ddp_train.py --device cpu   # two CPU ranks
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset
from torch.utils.data.distributed import DistributedSampler


def make_toy_data() -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """Return the book's toy data ``(X_train, y_train, X_test, y_test)`` as fresh tensors.

    Two well-separated groups of points in the plane: class 0 sits up and to the left
    (``x1 < 0, x2 > 2``), class 1 down and to the right (``x1 > 2, x2 < -1``).

    Shapes: ``X_train`` (5, 2) float32, ``y_train`` (5,) int64, ``X_test`` (2, 2), ``y_test`` (2,).

    Example::

        >>> X_train, y_train, X_test, y_test = make_toy_data()
        >>> X_train[0], y_train.tolist()
        (tensor([-1.2000,  3.1000]), [0, 0, 0, 1, 1])

    Book: §A.6; notebook: appendix_a_pytorch/part1_tensors_autograd.ipynb
    """
    X_train = torch.tensor(
        [[-1.2, 3.1], [-0.9, 2.9], [-0.5, 2.6], [2.3, -1.1], [2.7, -1.5]]
    )
    y_train = torch.tensor([0, 0, 0, 1, 1])
    X_test = torch.tensor([[-0.8, 2.8], [2.6, -1.6]])
    y_test = torch.tensor([0, 1])
    return X_train, y_train, X_test, y_test


class ToyDataset(Dataset):
    """A map-style dataset: item ``i`` is the pair ``(X[i], y[i])``.

    ``X`` has shape (num_examples, num_features) and ``y`` shape (num_examples,); the tensors are
    kept as ``self.features`` and ``self.labels`` (the book's attribute names). A ``DataLoader``
    stacks the pairs into batches of shape (batch_size, num_features) and (batch_size,).

    Example::

        >>> X_train, y_train, _, _ = make_toy_data()
        >>> ds = ToyDataset(X_train, y_train)
        >>> len(ds), ds[3]
        (5, (tensor([ 2.3000, -1.1000]), tensor(1)))

    Book: §A.6; notebook: appendix_a_pytorch/part1_tensors_autograd.ipynb
    """

    def __init__(self, X, y):
        if len(X) != len(y):
            raise ValueError(
                f"ToyDataset got {len(X)} feature rows but {len(y)} labels: "
                "pass one label per row of X"
            )
        self.features = X
        self.labels = y

    def __getitem__(self, index):
        one_x = self.features[index]
        one_y = self.labels[index]
        return one_x, one_y

    def __len__(self):
        return self.labels.shape[0]


class NeuralNetwork(nn.Module):
    """A multilayer perceptron: Linear(num_inputs, 30) -> ReLU -> Linear(30, 20) -> ReLU ->
    Linear(20, num_outputs).

    Input (batch_size, num_inputs) -> logits (batch_size, num_outputs); no softmax at the end,
    because ``torch.nn.functional.cross_entropy`` applies it internally.
    ``NeuralNetwork(50, 3)`` has 50*30+30 + 30*20+20 + 20*3+3 = 2,213 trainable parameters,
    ``NeuralNetwork(2, 2)`` has 752. The ``state_dict`` keys are ``layers.0.weight``,
    ``layers.0.bias``, ``layers.2.*`` and ``layers.4.*`` (the ReLUs have no parameters).

    Book: §A.5; notebook: appendix_a_pytorch/part1_tensors_autograd.ipynb
    """

    def __init__(self, num_inputs, num_outputs):
        super().__init__()
        self.layers = nn.Sequential(
            # first hidden layer
            nn.Linear(num_inputs, 30),
            nn.ReLU(),
            # second hidden layer
            nn.Linear(30, 20),
            nn.ReLU(),
            # output layer: one logit per class
            nn.Linear(20, num_outputs),
        )

    def forward(self, x):
        logits = self.layers(x)  # (batch_size, num_inputs) -> (batch_size, num_outputs)
        return logits


def compute_accuracy(model, dataloader, device=None) -> float:
    """Return the fraction of examples in ``dataloader`` whose arg-max logit is the label.

    Counts correct predictions over all batches and divides by the number of examples (not the
    mean of per-batch accuracies, which is wrong when the last batch is smaller). Runs under
    ``torch.no_grad`` in eval mode and then restores the model's previous mode. With ``device``
    given, each batch is moved there first (the model must already be on it).

    Example: a loader over the 5 toy training points where the model gets 4 right -> ``0.8``.

    Book: §A.7 (and §A.9 for the ``device`` argument);
    notebook: appendix_a_pytorch/part1_tensors_autograd.ipynb
    """
    was_training = model.training
    model.eval()
    correct = 0
    total_examples = 0
    with torch.no_grad():
        for features, labels in dataloader:
            if device is not None:
                features, labels = features.to(device), labels.to(device)
            logits = model(features)  # (batch_size, num_classes)
            predictions = torch.argmax(logits, dim=1)  # (batch_size,)
            correct += int((predictions == labels).sum())
            total_examples += labels.shape[0]
    model.train(was_training)
    if total_examples == 0:
        raise ValueError("compute_accuracy got an empty dataloader: there is nothing to score")
    return correct / total_examples


def train_toy_model(model, train_loader, optimizer, num_epochs=3, device=None) -> list[float]:
    """Train ``model`` with cross-entropy for ``num_epochs`` and return every batch's loss.

    One step per batch: forward, ``F.cross_entropy(logits, labels)``, ``optimizer.zero_grad()``,
    ``loss.backward()``, ``optimizer.step()``. If the loader's sampler is a
    ``DistributedSampler``, ``set_epoch`` is called so each epoch is shuffled differently.

    Example: on the toy data with ``torch.manual_seed(123)``, ``NeuralNetwork(2, 2)``, a loader
    with ``batch_size=2, shuffle=True, drop_last=True`` and ``SGD(lr=0.5)``, 3 epochs (6 steps)
    reach 100% training accuracy.

    Book: §A.7; notebook: appendix_a_pytorch/part1_tensors_autograd.ipynb
    """
    losses = []
    for epoch in range(num_epochs):
        if isinstance(getattr(train_loader, "sampler", None), DistributedSampler):
            train_loader.sampler.set_epoch(epoch)  # a new shuffle each epoch, same on every rank
        model.train()
        for features, labels in train_loader:
            if device is not None:
                features, labels = features.to(device), labels.to(device)
            logits = model(features)
            loss = nn.functional.cross_entropy(logits, labels)
            optimizer.zero_grad()  # gradients add up across backward calls: clear them first
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


def save_model_weights(model, path) -> Path:
    """Save ``model.state_dict()`` to ``path`` (written to a temporary name, then renamed).

    Book: §A.8; notebook: appendix_a_pytorch/part1_tensors_autograd.ipynb
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    torch.save(model.state_dict(), tmp)
    os.replace(tmp, path)
    return path


def load_model_weights(model, path, map_location="cpu"):
    """Load a ``state_dict`` saved by ``save_model_weights`` (or ``torch.save``) into ``model``.

    Uses ``weights_only=True``, so only tensors are unpickled. Returns the model.

    Book: §A.8; notebook: appendix_a_pytorch/part1_tensors_autograd.ipynb
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no weights file at {path}: save one with save_model_weights")
    state_dict = torch.load(path, map_location=map_location, weights_only=True)
    model.load_state_dict(state_dict)
    return model


# --- distributed data-parallel helpers (ddp_train.py) ----------------------------------------


def init_distributed(device_type="cpu", timeout=None) -> tuple[int, int, int]:
    """Join the process group ``torchrun`` describes; return ``(rank, world_size, local_rank)``.

    ``torchrun`` sets ``RANK``, ``WORLD_SIZE``, ``LOCAL_RANK``, ``MASTER_ADDR`` and
    ``MASTER_PORT`` for every process it starts. When they are missing we are a plain single
    process: nothing is initialized and ``(0, 1, 0)`` is returned. The backend is ``nccl`` for
    ``device_type="cuda"`` (one GPU per process, picked by ``LOCAL_RANK``) and ``gloo`` otherwise.
    ``timeout`` (a ``datetime.timedelta``) bounds the wait for the other processes; None keeps
    torch's default, which waits for many minutes.

    Book: §A.9.2; notebook: appendix_a_pytorch/part2_devices_and_ddp.ipynb
    """
    if "RANK" not in os.environ or "WORLD_SIZE" not in os.environ:
        return 0, 1, 0
    import torch.distributed as dist

    rank = int(os.environ["RANK"])
    world_size = int(os.environ["WORLD_SIZE"])
    local_rank = int(os.environ.get("LOCAL_RANK", rank))
    if device_type == "cuda":
        if torch.cuda.device_count() <= local_rank:
            raise RuntimeError(
                f"rank {rank} wants cuda:{local_rank} but only {torch.cuda.device_count()} "
                "GPU(s) are visible: lower --nproc_per_node or use --device cpu"
            )
        torch.cuda.set_device(local_rank)
        backend = "nccl"
    elif device_type == "cpu":
        backend = "gloo"
    else:
        raise ValueError(f"distributed training supports --device cpu or cuda, not {device_type!r}")
    if not dist.is_initialized():
        dist.init_process_group(backend=backend, rank=rank, world_size=world_size,
                                timeout=timeout)
    return rank, world_size, local_rank


def cleanup_distributed(wait: bool = False) -> None:
    """Leave the process group if one was joined (safe to call in a single process).

    ``wait=True`` first meets every other rank at a barrier, so that no rank closes its
    connections while another is still writing its results (rank 0 saves and prints after the
    others are done): call it so when training ended normally. After an error, call it without
    waiting: a rank that crashed would never arrive. Calling it a second time does nothing.

    Book: §A.9.2; notebook: appendix_a_pytorch/part2_devices_and_ddp.ipynb
    """
    import torch.distributed as dist

    if dist.is_available() and dist.is_initialized():
        if wait:
            dist.barrier()
        dist.destroy_process_group()


def make_toy_loaders(rank=0, world_size=1, batch_size=2, seed=0) -> tuple[DataLoader, DataLoader]:
    """Build ``(train_loader, test_loader)`` over the toy data, sharded for one ``rank``.

    The training loader uses a ``DistributedSampler`` so that each rank sees its own slice of
    the shuffled indices. We pass ``drop_last=True`` to the sampler: with 5 points and 2 ranks
    each rank gets 2 disjoint points per epoch and the fifth (a different one each epoch) sits
    out. With ``drop_last=False`` the sampler would instead pad to 6 by repeating a point, so
    the two halves would overlap. The sampler does the shuffling, so the loader's own
    ``shuffle`` stays False. The test loader is not sharded: every rank scores all test points.

    Book: §A.9.2; notebook: appendix_a_pytorch/part2_devices_and_ddp.ipynb
    """
    X_train, y_train, X_test, y_test = make_toy_data()
    train_ds = ToyDataset(X_train, y_train)
    sampler = DistributedSampler(
        train_ds, num_replicas=world_size, rank=rank, shuffle=True, seed=seed, drop_last=True
    )
    train_loader = DataLoader(train_ds, batch_size=batch_size, shuffle=False, sampler=sampler,
                              drop_last=True, num_workers=0)
    test_loader = DataLoader(ToyDataset(X_test, y_test), batch_size=batch_size, shuffle=False)
    return train_loader, test_loader


def sampler_indices(loader: DataLoader, epochs: Iterable[int]) -> list[list[int]]:
    """Return the dataset indices ``loader``'s ``DistributedSampler`` yields in each epoch.

    Useful to print "which examples does this rank see?" without touching the data.

    Book: §A.9.2; notebook: appendix_a_pytorch/part2_devices_and_ddp.ipynb
    """
    sampler = loader.sampler
    out = []
    for epoch in epochs:
        sampler.set_epoch(epoch)
        out.append(list(iter(sampler)))
    return out
