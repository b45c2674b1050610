# MUTANT: features unsqueezed to shape (1, k) in __getitem__ (an extra batch dimension)
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        self.rows = [list(r) for r in rows]
    def __getitem__(self, index):
        row = self.rows[index]
        features = torch.tensor(row[:-1], dtype=torch.float32).unsqueeze(0)
        return features, torch.tensor(row[-1], dtype=torch.int64)
    def __len__(self):
        return len(self.rows)


EXPECTED_CAUSE = 'extra leading dimension of 1'  # the check's message must name this
