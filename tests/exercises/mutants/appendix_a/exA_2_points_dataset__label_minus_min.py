# MUTANT: labels shifted so the smallest is 0 (labels - labels.min())
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        self.features = torch.tensor([r[:-1] for r in rows], dtype=torch.float32)
        labels = torch.tensor([r[-1] for r in rows], dtype=torch.int64)
        self.labels = labels - labels.min()

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels)

EXPECTED_CAUSE = "you subtracted the smallest label"
