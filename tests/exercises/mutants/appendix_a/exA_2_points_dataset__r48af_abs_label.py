# MUTANT: labels made non-negative with abs() ("class indices can't be negative"), so the
# ignore_index label -100 becomes class 100
import torch
from torch.utils.data import Dataset

EXPECTED_CAUSE = "made positive (abs(label)?)"


class PointsDataset(Dataset):
    def __init__(self, rows):
        rows = [list(r) for r in rows]
        self.features = torch.tensor([r[:-1] for r in rows], dtype=torch.float32)
        self.labels = torch.tensor([abs(int(r[-1])) for r in rows], dtype=torch.int64)

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels)
