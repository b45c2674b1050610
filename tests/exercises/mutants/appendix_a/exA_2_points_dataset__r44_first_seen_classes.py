# MUTANT: classes renumbered in order of first appearance (a label encoder) (round 44)
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        rows = [list(row) for row in rows]
        classes = {}
        for row in rows:
            classes.setdefault(row[-1], len(classes))
        self.features = torch.tensor([row[:-1] for row in rows], dtype=torch.float32)
        self.labels = torch.tensor([classes[row[-1]] for row in rows], dtype=torch.int64)

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels)
EXPECTED_CAUSE = "in the order they first appear"
