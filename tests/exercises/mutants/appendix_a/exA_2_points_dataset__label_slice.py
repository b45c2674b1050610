# MUTANT: label as torch.tensor(row[-1:]), a 1-element tensor
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        self.rows = [list(r) for r in rows]

    def __getitem__(self, index):
        row = self.rows[index]
        label = torch.tensor(row[-1:], dtype=torch.int64)
        return torch.tensor(row[:-1], dtype=torch.float32), label

    def __len__(self):
        return len(self.rows)


EXPECTED_CAUSE = "a 1-element tensor keeps a dimension"
