# MUTANT: labels kept in a NumPy int64 array, so each item's label is numpy.int64, not a
# tensor (a DataLoader would convert it; dataset[i] does not)
import numpy as np
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        data = np.array(rows, dtype=np.float64)
        self.features = torch.tensor(data[:, :-1], dtype=torch.float32)
        self.labels = data[:, -1].astype(np.int64)

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels)

EXPECTED_CAUSE = "that is numpy's number, not a torch tensor"
