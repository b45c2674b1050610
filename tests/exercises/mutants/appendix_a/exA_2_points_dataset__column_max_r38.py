# MUTANT: features divided by each column's largest magnitude
import torch
import torch.nn.functional as F
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        rows = [list(row) for row in rows]
        features = torch.tensor([row[:-1] for row in rows], dtype=torch.float32)
        self.features = features / features.abs().max(dim=0).values
        self.labels = torch.tensor([row[-1] for row in rows], dtype=torch.int64)

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels)

EXPECTED_CAUSE = "each feature column is scaled by a factor of its own"
