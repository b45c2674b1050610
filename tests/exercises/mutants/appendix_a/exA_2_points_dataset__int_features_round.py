# MUTANT: features built with dtype=torch.long then .float() (fractions truncated)
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        self.features = torch.tensor([list(r)[:-1] for r in rows], dtype=torch.long).float()
        self.labels = torch.tensor([list(r)[-1] for r in rows], dtype=torch.long)

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels)


EXPECTED_CAUSE = 'fractions were cut off'
