# MUTANT: the tensors stored on the class (PointsDataset.features = ...), shared
import torch
from torch.utils.data import Dataset

EXPECTED_CAUSE = "changed when a second dataset"


class PointsDataset(Dataset):
    def __init__(self, rows):
        rows = [list(row) for row in rows]
        PointsDataset.features = torch.tensor([row[:-1] for row in rows], dtype=torch.float32)
        PointsDataset.labels = torch.tensor([row[-1] for row in rows], dtype=torch.int64)

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels)
