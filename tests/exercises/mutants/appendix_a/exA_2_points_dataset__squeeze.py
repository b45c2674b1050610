# MUTANT: .squeeze() on the feature matrix: a single row (or a single feature) loses a dimension
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        self.features = torch.tensor([list(r)[:-1] for r in rows], dtype=torch.float32).squeeze()
        self.labels = torch.tensor([list(r)[-1] for r in rows], dtype=torch.int64)

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels)


EXPECTED_CAUSE = 'squeeze() removes it'
