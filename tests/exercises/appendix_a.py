"""Checks for the Appendix A exercises (a PyTorch primer).

Each check gets the entry point loaded from the file under test and raises ``CheckFailure`` with
a message that says what is wrong, how far off, and the likely cause. Expected values come from
``llmscratch.pytorch_basics`` (the verified reference), from arithmetic, and from
``torch.utils.data.DistributedSampler`` itself.
"""

from __future__ import annotations

import copy

import torch
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler

from llmscratch import NeuralNetwork, ToyDataset, make_toy_data, train_toy_model
from llmscratch.checking import CheckFailure, Exercise, assert_close


def _toy_loader(batch_size=2, shuffle=False, drop_last=False):
    X_train, y_train, _, _ = make_toy_data()
    return DataLoader(ToyDataset(X_train, y_train), batch_size=batch_size, shuffle=shuffle,
                      drop_last=drop_last)


# --- exA_1: counting parameters ----------------------------------------------------------------


def check_count_parameters(impl):
    cases = [("NeuralNetwork(2, 2)", NeuralNetwork(2, 2), 752),
             ("NeuralNetwork(50, 3)", NeuralNetwork(50, 3), 2213)]
    for name, model, expected in cases:
        got = impl(model)
        if not isinstance(got, int) and not (torch.is_tensor(got) and got.numel() == 1):
            raise CheckFailure(f"count_parameters({name}) returned a {type(got).__name__}; "
                               "return one whole number (an int)")
        got = int(got)
        num_tensors = len(list(model.parameters()))
        if got == num_tensors:
            raise CheckFailure(f"count_parameters({name}) returned {got}, the number of "
                               f"parameter tensors; expected {expected} numbers in total: add up "
                               "p.numel() for each parameter p")
        weights_only = sum(p.numel() for n, p in model.named_parameters() if "weight" in n)
        if got == weights_only:
            raise CheckFailure(f"count_parameters({name}) returned {got}: only the weight "
                               f"matrices; the biases are parameters too (expected {expected})")
        if got != expected:
            raise CheckFailure(f"count_parameters({name}) returned {got}, expected {expected} "
                               f"(off by {got - expected})")
    frozen = NeuralNetwork(2, 2)
    frozen.layers[0].requires_grad_(False)  # 2*30 + 30 = 90 parameters no longer trainable
    got = int(impl(frozen))
    if got == 752:
        raise CheckFailure("with the first layer frozen (requires_grad False) you still count "
                           "752; count only parameters with p.requires_grad (expected 662)")
    if got != 662:
        raise CheckFailure(f"with the first layer frozen you count {got}, expected 752 - 90 = 662")


# --- exA_2: a Dataset for new data ---------------------------------------------------------------

_ROWS = [(0.5, -1.0, 1), (2.0, 3.0, 0), (-1.5, 0.25, 1), (4.0, 1.0, 2), (0.0, 0.0, 0)]


def check_points_dataset(impl):
    ds = impl(_ROWS)
    if len(ds) != len(_ROWS):
        raise CheckFailure(f"len(dataset) is {len(ds)} for {len(_ROWS)} rows; it should be the "
                           "number of rows")
    for i in (0, 3, len(_ROWS) - 1):
        item = ds[i]
        if not (isinstance(item, tuple) and len(item) == 2):
            raise CheckFailure(f"dataset[{i}] should be a pair (features, label), got {item!r}")
        features, label = item
        if not torch.is_tensor(features) or features.shape != (2,):
            shape = tuple(features.shape) if torch.is_tensor(features) else type(features)
            raise CheckFailure(f"dataset[{i}] features have shape {shape}; expected (2,): every "
                               "number of the row except the last (the label)")
        if features.dtype != torch.float32:
            raise CheckFailure(f"features have dtype {features.dtype}; models expect "
                               "torch.float32")
        if not torch.is_tensor(label) or label.dtype != torch.int64 or label.ndim != 0:
            desc = f"{label.dtype}, shape {tuple(label.shape)}" if torch.is_tensor(label) else (
                type(label).__name__)
            raise CheckFailure(f"dataset[{i}] label is {desc}; expected a 0-d torch.int64 tensor "
                               "(F.cross_entropy needs integer class indices)")
        assert_close(features, torch.tensor(_ROWS[i][:-1]), what=f"dataset[{i}] features",
                     hint="features are the row without its last entry, in order")
        if label.item() != _ROWS[i][-1]:
            raise CheckFailure(f"dataset[{i}] label is {label.item()}, expected {_ROWS[i][-1]}: "
                               "the label is the last entry of the row")
    features, labels = next(iter(DataLoader(ds, batch_size=4)))
    if features.shape != (4, 2) or labels.shape != (4,):
        raise CheckFailure(f"a DataLoader with batch_size=4 gave features {tuple(features.shape)} "
                           f"and labels {tuple(labels.shape)}; expected (4, 2) and (4,)")


# --- exA_3: the training loop --------------------------------------------------------------------


def check_train(impl):
    torch.manual_seed(123)
    start = NeuralNetwork(2, 2)
    mine, ref = copy.deepcopy(start), copy.deepcopy(start)
    # no shuffling, so both loops see the same batches in the same order
    got = impl(mine, _toy_loader(drop_last=True), torch.optim.SGD(mine.parameters(), lr=0.5), 3)
    expected = train_toy_model(ref, _toy_loader(drop_last=True),
                               torch.optim.SGD(ref.parameters(), lr=0.5), num_epochs=3)
    got = [float(x) for x in got] if got is not None else None
    if got is None or len(got) != len(expected):
        raise CheckFailure(f"train returned {None if got is None else len(got)} losses for 3 "
                           f"epochs of 2 batches; expected {len(expected)}, one loss.item() per "
                           "batch")
    if abs(got[0] - expected[0]) > 1e-5:
        raise CheckFailure(f"the first loss is {got[0]:.4f}, expected {expected[0]:.4f}: compute "
                           "F.cross_entropy on the raw logits (no softmax first)")
    if all(torch.equal(a, b) for a, b in zip(mine.state_dict().values(),
                                              start.state_dict().values())):
        raise CheckFailure("the weights did not change at all: call optimizer.step() AFTER "
                           "loss.backward() (after zero_grad the gradients are empty)")
    if all(abs(a - got[0]) < 1e-7 for a in got):
        raise CheckFailure(f"the loss never changes ({got[0]:.4f} every step): are you calling "
                           "optimizer.step() after loss.backward()?")
    assert_close(got, expected, what="the losses of the 6 training steps", atol=1e-5,
                 hint="the first step matches, later ones do not: clear the gradients with "
                      "optimizer.zero_grad() before loss.backward(), and call optimizer.step() "
                      "after it")
    for (name, a), b in zip(mine.state_dict().items(), ref.state_dict().values()):
        assert_close(a, b, what=f"the trained weight {name}", atol=1e-5)


# --- exA_4: accuracy -----------------------------------------------------------------------------


class _Fixed(torch.nn.Module):
    """Predicts the class in ``table`` for each of the toy training points (matched by x1)."""

    def __init__(self, table):
        super().__init__()
        X_train, _, _, _ = make_toy_data()
        self.lookup = {round(float(x), 3): c for x, c in zip(X_train[:, 0], table)}
        self.bias = torch.nn.Parameter(torch.zeros(1))

    def forward(self, x):
        classes = torch.tensor([self.lookup[round(float(v), 3)] for v in x[:, 0]])
        return torch.nn.functional.one_hot(classes, 2).float() + self.bias * 0


def check_compute_accuracy(impl):
    labels = [0, 0, 0, 1, 1]  # the toy training labels, in batches of 2, 2 and 1
    cases = [([0, 0, 0, 0, 0], "always predicts class 0"),
             ([0, 0, 0, 1, 1], "gets every point right"),
             ([1, 0, 0, 1, 0], "gets points 1, 2 and 3 right"),
             ([1, 1, 1, 0, 0], "gets every point wrong")]
    for table, what in cases:
        right = [int(p == y) for p, y in zip(table, labels)]
        expected = sum(right) / 5
        per_batch_mean = (sum(right[0:2]) / 2 + sum(right[2:4]) / 2 + right[4]) / 3
        got = impl(_Fixed(table), _toy_loader(batch_size=2))
        got = float(got.item() if torch.is_tensor(got) else got)
        if abs(got - expected) < 1e-6:
            continue
        start = (f"a model that {what} on the 5 toy points (batches of 2, 2, 1) scored "
                 f"{got:.3f}, expected {expected:.3f}")
        if abs(got - sum(right) / 3) < 1e-6:
            raise CheckFailure(f"{start}: you divided the number correct by the number of "
                               "batches (3); divide by the number of examples (5)")
        if abs(got - per_batch_mean) < 1e-6:
            raise CheckFailure(f"{start}: that is the mean of the per-batch accuracies, which "
                               "gives the short last batch as much weight as a full one; count "
                               "correct predictions over all batches and divide once by the "
                               "number of examples")
        raise CheckFailure(f"{start}: the predicted class is torch.argmax(logits, dim=1), the "
                           "class dimension (dim=0 runs over the examples of the batch)")


# --- exA_5: moving a model and a batch to a device ----------------------------------------------


def check_move_to_device(impl):
    X_train, y_train, _, _ = make_toy_data()
    torch.manual_seed(123)
    model = NeuralNetwork(2, 2)
    expected_cpu = copy.deepcopy(model)
    out = impl(model, X_train, y_train, "meta")
    if not (isinstance(out, tuple) and len(out) == 3):
        raise CheckFailure("move_to_device should return the triple (model, features, labels)")
    m, features, labels = out
    if not isinstance(m, torch.nn.Module):
        raise CheckFailure(f"the first returned item is a {type(m).__name__}, not the model")
    devices = {p.device.type for p in m.parameters()}
    if devices != {"meta"}:
        raise CheckFailure(f"after moving to 'meta' the model's parameters are on {devices}: "
                           "call model.to(device)")
    for name, t in (("features", features), ("labels", labels)):
        if not torch.is_tensor(t) or t.device.type != "meta":
            where = t.device if torch.is_tensor(t) else type(t).__name__
            raise CheckFailure(f"the returned {name} are on {where}, not 'meta': tensor.to(device) "
                               "returns a NEW tensor, so write t = t.to(device) and return it")
    if features.shape != X_train.shape or labels.dtype != y_train.dtype:
        raise CheckFailure("the returned tensors changed shape or dtype; only move them")
    # on the CPU nothing changes: same numbers back
    m2, f2, l2 = impl(copy.deepcopy(expected_cpu), X_train, y_train, torch.device("cpu"))
    assert_close(f2, X_train, what="features moved to the CPU")
    assert_close(l2, y_train, what="labels moved to the CPU")
    with torch.no_grad():
        assert_close(m2(X_train), expected_cpu(X_train), what="the model's outputs on the CPU")


# --- exA_6: which examples each rank sees --------------------------------------------------------


def check_shard_indices(impl):
    for num_examples, world_size in [(5, 2), (10, 3), (8, 4), (7, 1), (3, 4), (12, 2)]:
        got_all = []
        for rank in range(world_size):
            got = [int(i) for i in impl(num_examples, rank, world_size)]
            expected = list(DistributedSampler(TensorDataset(torch.arange(num_examples)),
                                               num_replicas=world_size, rank=rank,
                                               shuffle=False, drop_last=True))
            got_all.append(got)
            if got != expected:
                hint = ""
                if len(got) != len(expected):
                    hint = (f" You gave rank {rank} {len(got)} examples; every rank must get "
                            f"{num_examples} // {world_size} = {len(expected)}, and the leftover "
                            "examples are dropped.")
                elif sorted(got) != sorted(expected):
                    hint = (" The ranks take turns: rank r gets r, r + world_size, "
                            "r + 2 * world_size, ...")
                raise CheckFailure(f"shard_indices({num_examples}, rank={rank}, "
                                   f"world_size={world_size}) returned {got}, expected "
                                   f"{expected}.{hint}")
        flat = [i for share in got_all for i in share]
        if len(flat) != len(set(flat)):
            raise CheckFailure(f"with {num_examples} examples on {world_size} ranks some example "
                               "goes to two ranks; the shares must not overlap")


EXERCISES = [
    Exercise(id="exA_1", file="exA_1_count_parameters.py", entry="count_parameters",
             title="Count the trainable parameters of a network", check=check_count_parameters),
    Exercise(id="exA_2", file="exA_2_points_dataset.py", entry="PointsDataset",
             title="A Dataset for new data given as rows", check=check_points_dataset),
    Exercise(id="exA_3", file="exA_3_training_loop.py", entry="train",
             title="Write the training loop", check=check_train),
    Exercise(id="exA_4", file="exA_4_accuracy.py", entry="compute_accuracy",
             title="Compute a classifier's accuracy over a data loader",
             check=check_compute_accuracy),
    Exercise(id="exA_5", file="exA_5_move_to_device.py", entry="move_to_device",
             title="Move a model and a batch to a device", check=check_move_to_device),
    Exercise(id="exA_6", file="exA_6_shard_indices.py", entry="shard_indices",
             title="Which examples each rank trains on (DistributedSampler)",
             check=check_shard_indices),
]
