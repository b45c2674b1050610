# MUTANT: features divided by the largest magnitude in the whole feature table
import torch
from torch.utils.data import Dataset

EXPECTED_CAUSE = "the largest magnitude in the whole feature table"


class PointsDataset(Dataset):
    def __init__(self, rows):
        rows = [list(row) for row in rows]
        features = torch.tensor([row[:-1] for row in rows], dtype=torch.float32)
        self.features = features / features.abs().max().clamp(min=1e-12)
        self.labels = torch.tensor([row[-1] for row in rows], dtype=torch.int64)

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels)
