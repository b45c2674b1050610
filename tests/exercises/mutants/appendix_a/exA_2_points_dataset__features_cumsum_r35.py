# MUTANT: each row's features are cumulatively summed (cumsum over the row)
"""Exercise A.2: a Dataset for new data, given as rows of numbers.

Ours: the book has no exercise for this; it practises the appendix's code.
"""

import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    """A dataset built from a list of rows ``(feature_1, ..., feature_k, label)``.

    Item ``i`` is the pair ``(features, label)``: ``features`` a float32 tensor of shape
    ``(k,)`` holding the row's numbers without its last entry, ``label`` an int64 tensor of
    shape ``()`` holding the last entry (a class index, which ``F.cross_entropy`` needs as an
    integer). ``len(dataset)`` is the number of rows.

    Example::

        >>> ds = PointsDataset([(0.5, -1.0, 1), (2.0, 3.0, 0)])
        >>> len(ds)
        2
        >>> ds[0]
        (tensor([ 0.5000, -1.0000]), tensor(1))

    A ``DataLoader(ds, batch_size=2)`` then yields features of shape (2, 2) and labels of
    shape (2,).
    """

    def __init__(self, rows):
        rows = [list(row) for row in rows]
        self.features = torch.tensor([row[:-1] for row in rows], dtype=torch.float32).cumsum(dim=1)
        self.labels = torch.tensor([row[-1] for row in rows], dtype=torch.int64)

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels)


EXPECTED_CAUSE = "running sum of the row's features"
