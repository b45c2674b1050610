# MUTANT: labels built without dtype=int64: float labels in the rows (e.g. 1.0) give float labels
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        self.features = torch.tensor([list(r)[:-1] for r in rows], dtype=torch.float32)
        self.labels = torch.tensor([list(r)[-1] for r in rows])

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels)


EXPECTED_CAUSE = 'labels as floats'
