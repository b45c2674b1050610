# MUTANT: rows kept in a class-level list that every dataset shares
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    rows = []

    def __init__(self, rows):
        for row in rows:
            self.rows.append(list(row))

    def __getitem__(self, index):
        row = self.rows[index]
        return torch.tensor(row[:-1], dtype=torch.float32), torch.tensor(int(row[-1]))

    def __len__(self):
        return len(self.rows)

EXPECTED_CAUSE = "all of them share"
