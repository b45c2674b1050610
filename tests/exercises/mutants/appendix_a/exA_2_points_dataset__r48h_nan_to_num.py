# MUTANT: the features "cleaned" with torch.nan_to_num (NaN becomes 0, infinities the largest
#   float32), so the dataset no longer holds the row's numbers
import torch
from torch.utils.data import Dataset

EXPECTED_CAUSE = "replaced the nan and infinite numbers"


class PointsDataset(Dataset):
    def __init__(self, rows):
        rows = [list(row) for row in rows]
        features = torch.tensor([row[:-1] for row in rows], dtype=torch.float32)
        self.features = torch.nan_to_num(features)
        self.labels = torch.tensor([row[-1] for row in rows], dtype=torch.int64)

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels)
