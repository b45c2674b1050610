# MUTANT: label popped from the caller's rows (changes them; fails on tuples)
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        rows = [r if isinstance(r, list) else list(r) for r in rows]
        self.labels = torch.tensor([r.pop() for r in rows], dtype=torch.int64)
        self.features = torch.tensor(rows, dtype=torch.float32)

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels)


EXPECTED_CAUSE = 'changed the rows'  # the check's message must name this
