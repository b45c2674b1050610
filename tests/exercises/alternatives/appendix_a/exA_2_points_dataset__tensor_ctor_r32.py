# Correct: torch.Tensor(list) features (float32) and torch.tensor(int(label)) built per item
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        self.rows = [list(r) for r in rows]

    def __getitem__(self, index):
        row = self.rows[index]
        return torch.Tensor(row[:-1]), torch.tensor(int(row[-1]))

    def __len__(self):
        return len(self.rows)
