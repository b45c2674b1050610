# MUTANT: torch.tensor(row[-1]) keeps a NumPy int32 label's dtype
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        self.rows = [tuple(row) for row in rows]

    def __getitem__(self, index):
        row = self.rows[index]
        features = torch.tensor(row[:-1], dtype=torch.float32)
        label = torch.tensor(row[-1])
        if label.is_floating_point():
            label = label.long()
        return features, label

    def __len__(self):
        return len(self.rows)

EXPECTED_CAUSE = "keeps the NumPy number's dtype"
