"""Tests for llmscratch.pytorch_basics (Appendix A): the toy data, NeuralNetwork, the training loop,
accuracy, saving and loading, and the distributed helpers (in one process)."""

from __future__ import annotations

import socket

import pytest
import torch
from torch.utils.data import DataLoader

from llmscratch import (
    NeuralNetwork,
    ToyDataset,
    cleanup_distributed,
    compute_accuracy,
    init_distributed,
    load_model_weights,
    make_toy_data,
    make_toy_loaders,
    sampler_indices,
    save_model_weights,
    train_toy_model,
)


def _num_trainable(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def _train_book_run():
    """The book's run: seed 123, batch 2, shuffle, drop_last, SGD lr 0.5, 3 epochs."""
    X_train, y_train, X_test, y_test = make_toy_data()
    torch.manual_seed(123)
    train_loader = DataLoader(ToyDataset(X_train, y_train), batch_size=2, shuffle=True,
                              num_workers=0, drop_last=True)
    test_loader = DataLoader(ToyDataset(X_test, y_test), batch_size=2, shuffle=False)
    model = NeuralNetwork(num_inputs=2, num_outputs=2)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    losses = train_toy_model(model, train_loader, optimizer, num_epochs=3)
    return model, losses, train_loader, test_loader


class _AlwaysClass(torch.nn.Module):
    """Predicts class ``c`` for every input (logits (n, 2))."""

    def __init__(self, c):
        super().__init__()
        self.c = c
        self.dummy = torch.nn.Parameter(torch.zeros(1))

    def forward(self, x):
        logits = torch.zeros(x.shape[0], 2)
        logits[:, self.c] = 1.0
        return logits


def test_toy_data_shapes_and_fresh_copies():
    X_train, y_train, X_test, y_test = make_toy_data()
    # Invariant: the book's sizes: 5 training and 2 test points of 2 features, integer labels.
    assert X_train.shape == (5, 2) and X_test.shape == (2, 2)
    assert y_train.tolist() == [0, 0, 0, 1, 1] and y_test.tolist() == [0, 1]
    assert X_train.dtype == torch.float32 and y_train.dtype == torch.int64
    X_train[0, 0] = 99.0
    # Invariant: each call returns new tensors, so one caller cannot corrupt another's data.
    assert make_toy_data()[0][0, 0].item() == pytest.approx(-1.2)


@pytest.mark.parametrize("num_inputs, num_outputs, expected", [(2, 2, 752), (50, 3, 2213)])
def test_neural_network_parameter_counts(num_inputs, num_outputs, expected):
    model = NeuralNetwork(num_inputs, num_outputs)
    # Invariant: the book's counts (2,213 for 50-30-20-3; 752 for 2-30-20-2).
    assert _num_trainable(model) == expected


def test_neural_network_keys_and_output_shape(seed):
    model = NeuralNetwork(num_inputs=2, num_outputs=3)
    # Invariant: the book's state_dict keys, so the book's saved weights load here.
    assert list(model.state_dict()) == [
        "layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias",
        "layers.4.weight", "layers.4.bias",
    ]
    # Invariant: (batch, num_inputs) -> (batch, num_outputs) logits, not probabilities.
    out = model(torch.rand(4, 2))
    assert out.shape == (4, 3)
    assert not torch.allclose(out.sum(dim=1), torch.ones(4))


def test_toy_dataset_items_and_batches():
    X_train, y_train, _, _ = make_toy_data()
    ds = ToyDataset(X_train, y_train)
    # Invariant: one item per example, item i is (X[i], y[i]).
    assert len(ds) == 5
    x3, y3 = ds[3]
    assert torch.equal(x3, X_train[3]) and y3.item() == 1
    # Invariant: a DataLoader stacks items into (batch, features) and (batch,).
    features, labels = next(iter(DataLoader(ds, batch_size=2)))
    assert features.shape == (2, 2) and labels.shape == (2,)


def test_toy_dataset_rejects_mismatched_lengths():
    X_train, y_train, _, _ = make_toy_data()
    # Invariant: a clear error when X and y do not line up, instead of an IndexError later.
    with pytest.raises(ValueError, match="one label per row"):
        ToyDataset(X_train, y_train[:4])


def test_compute_accuracy_counts_examples_not_batches():
    X_train, y_train, _, _ = make_toy_data()
    loader = DataLoader(ToyDataset(X_train, y_train), batch_size=2)  # batches of 2, 2, 1
    # Invariant: 3 of 5 labels are 0, so "always 0" scores 3/5 = 0.6 (a mean of per-batch
    # accuracies would give (1 + 0.5 + 0) / 3 = 0.5).
    assert compute_accuracy(_AlwaysClass(0), loader) == pytest.approx(0.6)
    assert compute_accuracy(_AlwaysClass(1), loader) == pytest.approx(0.4)


def test_compute_accuracy_restores_mode_and_rejects_empty_loader():
    X_train, y_train, _, _ = make_toy_data()
    model = NeuralNetwork(2, 2).train()
    compute_accuracy(model, DataLoader(ToyDataset(X_train, y_train), batch_size=2))
    # Invariant: the model comes back in the mode it was in.
    assert model.training
    empty = DataLoader(ToyDataset(X_train[:0], y_train[:0]), batch_size=2)
    # Invariant: an empty loader is an error, not a division by zero.
    with pytest.raises(ValueError, match="empty"):
        compute_accuracy(model, empty)


def test_seeded_training_reaches_full_accuracy():
    model, losses, train_loader, test_loader = _train_book_run()
    # Invariant: 3 epochs of 2 batches (5 points, batch 2, drop_last) give 6 losses.
    assert len(losses) == 6
    # Invariant: training lowers the loss by a lot on separable data.
    assert losses[-1] < 0.25 * losses[0]
    # Invariant: the book's result: every training and test point classified correctly.
    assert compute_accuracy(model, train_loader) == 1.0
    assert compute_accuracy(model, test_loader) == 1.0
    # Invariant: a seeded run is reproducible.
    assert _train_book_run()[1] == losses
    # Invariant: the same steps as the book's printed run (seed 123; losses to 2 decimals).
    assert [round(loss, 2) for loss in losses] == [0.75, 0.65, 0.44, 0.13, 0.03, 0.0]


def test_save_and_load_round_trip(tmp_path, seed):
    model = NeuralNetwork(2, 2)
    path = save_model_weights(model, tmp_path / "sub" / "model.pth")
    # Invariant: the file is written under its final name and no temporary file is left.
    assert path.is_file() and not list(tmp_path.glob("sub/*.tmp"))
    fresh = load_model_weights(NeuralNetwork(2, 2), path)
    # Invariant: loading restores every tensor exactly.
    for key, value in model.state_dict().items():
        assert torch.equal(fresh.state_dict()[key], value), key
    # Invariant: a missing file says what to do.
    with pytest.raises(FileNotFoundError, match="save_model_weights"):
        load_model_weights(fresh, tmp_path / "nope.pth")


def test_distributed_sampler_gives_disjoint_shares():
    for epoch_shares in zip(*(sampler_indices(make_toy_loaders(r, 2)[0], range(3))
                              for r in range(2))):
        rank0, rank1 = epoch_shares
        # Invariant: with 2 ranks each gets 2 of the 5 points per epoch, and no point twice.
        assert len(rank0) == len(rank1) == 2
        assert not set(rank0) & set(rank1)
    (single,) = sampler_indices(make_toy_loaders(0, 1)[0], [0])
    # Invariant: a single process sees every point once per epoch.
    assert sorted(single) == [0, 1, 2, 3, 4]


def test_init_distributed_without_torchrun_is_a_single_process(monkeypatch):
    for name in ("RANK", "WORLD_SIZE", "LOCAL_RANK"):
        monkeypatch.delenv(name, raising=False)
    # Invariant: no torchrun variables -> rank 0 of 1, nothing initialized.
    assert init_distributed("cpu") == (0, 1, 0)
    assert not torch.distributed.is_initialized()
    cleanup_distributed()  # Invariant: safe to call without a group (must not raise).


def test_init_distributed_rejects_mps(monkeypatch):
    monkeypatch.setenv("RANK", "0")
    monkeypatch.setenv("WORLD_SIZE", "1")
    # Invariant: an unsupported device gives a clear error before any group is made.
    with pytest.raises(ValueError, match="cpu or cuda"):
        init_distributed("mps")


def _torchrun_env_of_one(monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    for name, value in {"RANK": "0", "WORLD_SIZE": "1", "LOCAL_RANK": "0",
                        "MASTER_ADDR": "127.0.0.1", "MASTER_PORT": str(port)}.items():
        monkeypatch.setenv(name, value)


def test_init_distributed_joins_and_leaves_a_gloo_group(monkeypatch):
    _torchrun_env_of_one(monkeypatch)
    try:
        # Invariant: the torchrun variables are read and a gloo group of one is joined.
        assert init_distributed("cpu") == (0, 1, 0)
        assert torch.distributed.get_backend() == "gloo"
    finally:
        cleanup_distributed()
    # Invariant: cleanup leaves the process group.
    assert not torch.distributed.is_initialized()


@pytest.mark.parametrize("wait", [True, False])
def test_cleanup_waits_at_a_barrier_only_when_asked(monkeypatch, wait):
    _torchrun_env_of_one(monkeypatch)
    barriers = []
    real_barrier = torch.distributed.barrier
    monkeypatch.setattr(torch.distributed, "barrier",
                        lambda *a, **k: barriers.append(torch.distributed.is_initialized())
                        or real_barrier(*a, **k))
    try:
        init_distributed("cpu")
        cleanup_distributed(wait=wait)
    finally:
        cleanup_distributed()
    # Invariant: wait=True meets the other ranks (inside the group) before leaving it; after an
    # error (wait=False) nothing waits for a rank that may have crashed. A second call is a no-op.
    assert barriers == ([True] if wait else [])
    assert not torch.distributed.is_initialized()


def test_appendix_a_plots_render_and_save(tmp_path, seed):
    from llmscratch.plotting_training import (
        plot_ddp_gradient_averaging,
        plot_toy_decision_boundary,
        plot_toy_losses,
    )

    X_train, y_train, _, _ = make_toy_data()
    model = NeuralNetwork(2, 2).train()
    figs = [
        plot_toy_losses([0.7, 0.4, 0.1], path=tmp_path / "losses.png"),
        plot_toy_decision_boundary(model, X_train, y_train, path=tmp_path / "boundary.png",
                                   resolution=20),
        plot_ddp_gradient_averaging(3, path=tmp_path / "ddp.png"),
    ]
    # Invariant: each plot returns its figure and writes the file it was asked to.
    assert all(fig is not None for fig in figs)
    assert sorted(p.name for p in tmp_path.glob("*.png")) == ["boundary.png", "ddp.png",
                                                             "losses.png"]
    # Invariant: drawing the decision boundary does not leave the model in eval mode.
    assert model.training
    # Invariant: a nonsensical world size is refused.
    with pytest.raises(ValueError, match="world_size"):
        plot_ddp_gradient_averaging(0)
    import matplotlib.pyplot as plt

    plt.close("all")
