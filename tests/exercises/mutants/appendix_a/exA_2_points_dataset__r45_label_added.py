# MUTANT: the row's label added to each of its features
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        rows = [list(r) for r in rows]
        self.features = torch.tensor([[v + r[-1] for v in r[:-1]] for r in rows],
                                     dtype=torch.float32)
        self.labels = torch.tensor([r[-1] for r in rows], dtype=torch.int64)

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels)


EXPECTED_CAUSE = "the row's own label (its last entry added to each feature"
