# MUTANT: __getitem__ reads a column, self.features[:, index]
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        rows = [list(row) for row in rows]
        self.features = torch.tensor([row[:-1] for row in rows], dtype=torch.float32)
        self.labels = torch.tensor([row[-1] for row in rows], dtype=torch.int64)

    def __getitem__(self, index):
        return self.features[:, index], self.labels[index]

    def __len__(self):
        return len(self.labels)

EXPECTED_CAUSE = "__getitem__ reads a column"
