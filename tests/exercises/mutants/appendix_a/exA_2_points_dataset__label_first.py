# MUTANT: label taken from the first entry and features from the rest (wrong convention)
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        self.x = torch.tensor([list(r)[1:] for r in rows], dtype=torch.float32)
        self.y = torch.tensor([list(r)[0] for r in rows], dtype=torch.int64)

    def __getitem__(self, index):
        return self.x[index], self.y[index]

    def __len__(self):
        return len(self.y)


EXPECTED_CAUSE = 'the label is the LAST entry'
