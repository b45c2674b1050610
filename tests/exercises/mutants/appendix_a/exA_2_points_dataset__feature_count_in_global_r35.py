# MUTANT: the feature count kept in a global set by the first dataset cuts later rows to it
import torch
from torch.utils.data import Dataset

NUM_FEATURES = None


class PointsDataset(Dataset):
    def __init__(self, rows):
        global NUM_FEATURES
        rows = [list(row) for row in rows]
        if NUM_FEATURES is None:
            NUM_FEATURES = len(rows[0]) - 1
        self.features = torch.tensor([row[:NUM_FEATURES] for row in rows], dtype=torch.float32)
        self.labels = torch.tensor([row[-1] for row in rows], dtype=torch.int64)

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels)


EXPECTED_CAUSE = "your code keeps state between calls"
