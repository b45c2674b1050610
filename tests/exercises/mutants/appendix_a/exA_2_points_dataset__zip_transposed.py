# MUTANT: features built column-wise with zip(*rows): a transposed (k, n) table
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        *columns, labels = zip(*rows)
        self.features = torch.tensor(columns, dtype=torch.float32)
        self.labels = torch.tensor(labels, dtype=torch.int64)

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels)


EXPECTED_CAUSE = "the feature table is transposed"
