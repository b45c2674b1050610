# MUTANT: each feature plus its row number
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        rows = [list(row) for row in rows]
        shifted = [[v + i for v in row[:-1]] for i, row in enumerate(rows)]
        self.features = torch.tensor(shifted, dtype=torch.float32)
        self.labels = torch.tensor([row[-1] for row in rows], dtype=torch.int64)

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels)


EXPECTED_CAUSE = 'shifted by one constant per row'  # the check's message must name this
