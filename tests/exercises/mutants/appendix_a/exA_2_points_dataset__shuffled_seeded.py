# MUTANT: rows shuffled in __init__ with a seeded generator (the same order every time)
import random

import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        rows = list(rows)
        random.Random(1).shuffle(rows)
        self.features = torch.tensor([r[:-1] for r in rows], dtype=torch.float32)
        self.labels = torch.tensor([r[-1] for r in rows], dtype=torch.int64)

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels)

EXPECTED_CAUSE = "every row once, in another order"
