# MUTANT: every row stored, but __len__ returns one less
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        self.features = torch.tensor([list(r[:-1]) for r in rows], dtype=torch.float32)
        self.labels = torch.tensor([r[-1] for r in rows], dtype=torch.int64)

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels) - 1


EXPECTED_CAUSE = "only your __len__ returns one less"  # the check's message must name this
