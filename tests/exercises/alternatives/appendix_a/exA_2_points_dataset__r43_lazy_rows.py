# Correct: the rows kept by reference, each item converted when asked for
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        self.rows = rows

    def __getitem__(self, index):
        row = list(self.rows[index])
        return torch.tensor(row[:-1], dtype=torch.float32), torch.tensor(row[-1], dtype=torch.int64)

    def __len__(self):
        return len(self.rows)
