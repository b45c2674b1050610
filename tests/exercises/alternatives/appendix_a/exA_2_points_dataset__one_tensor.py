# Correct: one float64 tensor of all rows, sliced into float32 features and int64 labels
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        data = torch.tensor([list(r) for r in rows], dtype=torch.float64)  # (n, k + 1)
        self.X = data[:, :-1].to(torch.float32)  # (n, k)
        self.y = data[:, -1].round().to(torch.int64)  # (n,)

    def __getitem__(self, index):
        one_x = self.X[index]
        one_y = self.y[index]
        return one_x, one_y

    def __len__(self):
        return self.y.shape[0]
