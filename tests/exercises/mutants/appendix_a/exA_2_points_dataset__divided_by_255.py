# MUTANT: features divided by 255 (pixel scaling copied from an image tutorial)
import torch
from torch.utils.data import Dataset

EXPECTED_CAUSE = 'You divided the features by 255'


class PointsDataset(Dataset):
    def __init__(self, rows):
        self.features = torch.tensor([list(r)[:-1] for r in rows], dtype=torch.float32) / 255.0
        self.labels = torch.tensor([r[-1] for r in rows], dtype=torch.int64)

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels)
