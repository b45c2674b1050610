# MUTANT: label taken as row[2] (assumes 2 features)
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        self.x = torch.tensor([list(r)[:-1] for r in rows], dtype=torch.float32)
        self.y = torch.tensor([r[2] for r in rows], dtype=torch.long)
    def __getitem__(self, i):
        return self.x[i], self.y[i]
    def __len__(self):
        return len(self.y)


EXPECTED_CAUSE = 'entry 2 of the row'  # the check's message must name this
