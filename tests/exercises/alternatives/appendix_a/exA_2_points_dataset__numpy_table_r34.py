# Correct: one float64 NumPy table, features cast to float32 and labels to int64
import numpy as np
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        table = np.array([list(row) for row in rows], dtype=np.float64)
        self.features = torch.from_numpy(table[:, :-1]).float()
        self.labels = torch.from_numpy(table[:, -1]).long()

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels)
