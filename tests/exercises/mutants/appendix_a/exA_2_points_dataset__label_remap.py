# MUTANT: labels renumbered to 0..C-1 by sorted unique value (class 3 of {1, 3} becomes 1)
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        self.features = torch.tensor([r[:-1] for r in rows], dtype=torch.float32)
        classes = sorted(set(r[-1] for r in rows))
        index = {c: i for i, c in enumerate(classes)}
        self.labels = torch.tensor([index[r[-1]] for r in rows], dtype=torch.int64)

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels)

EXPECTED_CAUSE = "renumbered the classes"
