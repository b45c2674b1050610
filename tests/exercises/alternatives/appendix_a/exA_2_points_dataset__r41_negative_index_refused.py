# Correct: negative indices refused with IndexError (samplers only give 0 .. len - 1)
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        rows = [list(row) for row in rows]
        self.features = torch.tensor([row[:-1] for row in rows], dtype=torch.float32)
        self.labels = torch.tensor([row[-1] for row in rows], dtype=torch.int64)

    def __getitem__(self, index):
        if not 0 <= index < len(self.labels):
            raise IndexError(index)
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels)
