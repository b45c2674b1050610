# MUTANT: __len__ returns len(self.features.shape): 2, the table's dimensions, for any rows
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        self.features = torch.tensor([list(r)[:-1] for r in rows], dtype=torch.float32)
        self.labels = torch.tensor([r[-1] for r in rows], dtype=torch.int64)

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.features.shape)


EXPECTED_CAUSE = "the number of dimensions of the feature table"
