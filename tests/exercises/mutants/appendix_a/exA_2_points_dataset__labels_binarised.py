# MUTANT: labels binarised (row[-1] > 0)
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        rows = [list(r) for r in rows]
        self.features = torch.tensor([r[:-1] for r in rows], dtype=torch.float32)
        self.labels = torch.tensor([r[-1] > 0 for r in rows]).long()

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels)


EXPECTED_CAUSE = 'a binary cast'  # the check's message must name this
