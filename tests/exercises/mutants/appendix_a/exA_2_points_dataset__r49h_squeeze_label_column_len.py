# MUTANT: labels = table[:, -1:].squeeze() and __len__ = len(self.labels): one row fails len()
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        data = torch.tensor(rows, dtype=torch.float32)
        self.features = data[:, :-1]
        self.labels = data[:, -1:].squeeze().long()

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels)


EXPECTED_CAUSE = "self.labels is a 0-d tensor"
