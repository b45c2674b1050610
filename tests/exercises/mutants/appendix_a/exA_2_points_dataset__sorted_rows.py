# MUTANT: rows sorted (by their first feature) in __init__
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        rows = sorted(list(r) for r in rows)
        self.x = torch.tensor([r[:-1] for r in rows], dtype=torch.float32)
        self.y = torch.tensor([r[-1] for r in rows], dtype=torch.int64)

    def __getitem__(self, i):
        return self.x[i], self.y[i]

    def __len__(self):
        return len(self.y)


EXPECTED_CAUSE = "sorted by their numbers"
