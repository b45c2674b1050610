# MUTANT: features centred by the column mean (fallback: centred)
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        f = torch.tensor([list(r)[:-1] for r in rows], dtype=torch.float32)
        self.features = f - f.mean(dim=0)
        self.labels = torch.tensor([list(r)[-1] for r in rows], dtype=torch.int64)

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels)

EXPECTED_CAUSE = "minus its mean along dim 0"
