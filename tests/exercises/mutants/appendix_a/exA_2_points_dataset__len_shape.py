# MUTANT: __len__ returns labels.shape (a torch.Size) instead of an int
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        self.features = torch.tensor([list(r)[:-1] for r in rows], dtype=torch.float32)
        self.labels = torch.tensor([r[-1] for r in rows], dtype=torch.int64)

    def __getitem__(self, i):
        return self.features[i], self.labels[i]

    def __len__(self):
        return self.labels.shape


EXPECTED_CAUSE = "__len__ returns a Size"
