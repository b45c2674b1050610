# MUTANT: rows with a missing value (NaN) or an infinity dropped, so item i is no longer row i
import math

import torch
from torch.utils.data import Dataset

EXPECTED_CAUSE = "rows holding nan or an infinity were dropped"


class PointsDataset(Dataset):
    def __init__(self, rows):
        rows = [list(row) for row in rows if all(math.isfinite(float(x)) for x in row)]
        self.features = torch.tensor([row[:-1] for row in rows], dtype=torch.float32)
        self.labels = torch.tensor([row[-1] for row in rows], dtype=torch.int64)

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels)
