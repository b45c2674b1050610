# MUTANT: features sliced as row[-2:-1] (the last feature alone) where row[:-1] belongs
import torch
from torch.utils.data import Dataset

EXPECTED_CAUSE = "only the last 1 feature(s) before the label are kept"


class PointsDataset(Dataset):
    def __init__(self, rows):
        rows = [list(row) for row in rows]
        self.features = torch.tensor([row[-2:-1] for row in rows], dtype=torch.float32)
        self.labels = torch.tensor([row[-1] for row in rows], dtype=torch.int64)

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels)
