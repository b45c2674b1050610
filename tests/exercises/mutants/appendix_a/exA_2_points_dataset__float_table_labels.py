# MUTANT: one float32 table: the labels come out float
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        self.data = torch.tensor(rows, dtype=torch.float32)

    def __getitem__(self, index):
        return self.data[index, :-1], self.data[index, -1]

    def __len__(self):
        return len(self.data)


EXPECTED_CAUSE = "turns every column float"
