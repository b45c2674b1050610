# MUTANT: torch.LongTensor(label) makes an uninitialised tensor OF SIZE label
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        self.rows = [list(r) for r in rows]

    def __getitem__(self, index):
        row = self.rows[index]
        return torch.FloatTensor(row[:-1]), torch.LongTensor(row[-1])

    def __len__(self):
        return len(self.rows)


EXPECTED_CAUSE = 'OF SIZE n'
