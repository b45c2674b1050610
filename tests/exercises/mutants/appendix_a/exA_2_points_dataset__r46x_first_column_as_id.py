# MUTANT: the first number of each row taken for an id and left out (row[1:-1])
import torch
from torch.utils.data import Dataset

EXPECTED_CAUSE = "the row's first number is missing"


class PointsDataset(Dataset):
    def __init__(self, rows):
        rows = [list(row) for row in rows]
        self.features = torch.tensor([row[1:-1] for row in rows], dtype=torch.float32)
        self.labels = torch.tensor([row[-1] for row in rows], dtype=torch.int64)

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels)
