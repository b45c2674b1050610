# MUTANT: labels stored as uint8: a class index of 300 raises PyTorch's overflow error
import torch
from torch.utils.data import Dataset

EXPECTED_CAUSE = "you kept the labels in a small integer dtype"


class PointsDataset(Dataset):
    def __init__(self, rows):
        rows = [list(row) for row in rows]
        self.features = torch.tensor([row[:-1] for row in rows], dtype=torch.float32)
        self.labels = torch.tensor([row[-1] for row in rows], dtype=torch.uint8)

    def __getitem__(self, index):
        return self.features[index], self.labels[index].long()

    def __len__(self):
        return len(self.labels)
