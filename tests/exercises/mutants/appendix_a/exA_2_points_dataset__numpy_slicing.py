# MUTANT: indexes the list of rows like a 2-D array (rows[:, :-1]): crashes on a Python list
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        self.features = torch.tensor(rows[:, :-1], dtype=torch.float32)
        self.labels = torch.tensor(rows[:, -1], dtype=torch.int64)
    def __getitem__(self, i):
        return self.features[i], self.labels[i]
    def __len__(self):
        return len(self.labels)


EXPECTED_CAUSE = 'two-index slicing'  # the check's message must name this
