# MUTANT: labels kept as uint8 (.byte()) to save memory: a class index above 255 wraps
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        rows = [list(row) for row in rows]
        self.features = torch.tensor([row[:-1] for row in rows], dtype=torch.float32)
        self.labels = torch.tensor([row[-1] for row in rows]).byte()

    def __getitem__(self, index):
        return self.features[index], self.labels[index].long()

    def __len__(self):
        return len(self.labels)


EXPECTED_CAUSE = 'the label wrapped around'  # the check's message must name this
