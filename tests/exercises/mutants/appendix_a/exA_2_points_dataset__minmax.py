# MUTANT: features rescaled to [0, 1] per column
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        x = torch.tensor([list(r)[:-1] for r in rows], dtype=torch.float32)
        lo, hi = x.min(0).values, x.max(0).values
        self.features = (x - lo) / (hi - lo).clamp(min=1e-8)
        self.labels = torch.tensor([r[-1] for r in rows], dtype=torch.int64)

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels)


EXPECTED_CAUSE = "min-max normalisation"
