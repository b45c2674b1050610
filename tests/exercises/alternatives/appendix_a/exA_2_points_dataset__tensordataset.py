# Correct: wraps a TensorDataset built from the feature and label tensors
import torch
from torch.utils.data import Dataset, TensorDataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        rows = list(rows)
        X = torch.tensor([r[:-1] for r in rows], dtype=torch.float32)
        y = torch.tensor([r[-1] for r in rows], dtype=torch.int64)
        self.inner = TensorDataset(X, y)

    def __getitem__(self, index):
        return self.inner[index]

    def __len__(self):
        return len(self.inner)
