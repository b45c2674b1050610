# MUTANT: __getitem__ fills one buffer in place and returns it for every item
import torch
from torch.utils.data import Dataset

EXPECTED_CAUSE = "the same features tensor"


class PointsDataset(Dataset):
    def __init__(self, rows):
        rows = [list(row) for row in rows]
        self.features = torch.tensor([row[:-1] for row in rows], dtype=torch.float32)
        self.labels = torch.tensor([row[-1] for row in rows], dtype=torch.int64)
        self._buffer = torch.empty(self.features.shape[1], dtype=torch.float32)

    def __getitem__(self, index):
        self._buffer.copy_(self.features[index])
        return self._buffer, self.labels[index]

    def __len__(self):
        return len(self.labels)
