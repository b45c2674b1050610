# MUTANT: the features rounded to whole numbers
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        self.features = torch.tensor([list(r)[:-1] for r in rows]).round().float()
        self.labels = torch.tensor([r[-1] for r in rows], dtype=torch.int64)

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels)


EXPECTED_CAUSE = "rounded to whole numbers"
