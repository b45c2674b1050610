# Correct: keep the rows as lists, build the tensors in __getitem__
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        self.rows = [tuple(r) for r in rows]

    def __getitem__(self, index):
        *features, label = self.rows[index]
        return torch.tensor(features, dtype=torch.float32), torch.tensor(label, dtype=torch.long)

    def __len__(self):
        return len(self.rows)
