# MUTANT: mutable default lists in __init__ collect every dataset's rows
import torch
from torch.utils.data import Dataset

EXPECTED_CAUSE = "a mutable default argument"


class PointsDataset(Dataset):
    def __init__(self, rows, features=[], labels=[]):  # noqa: B006
        for row in rows:
            features.append([float(x) for x in row[:-1]])
            labels.append(int(row[-1]))
        self.features = features
        self.labels = labels

    def __getitem__(self, index):
        return (torch.tensor(self.features[index], dtype=torch.float32),
                torch.tensor(self.labels[index], dtype=torch.int64))

    def __len__(self):
        return len(self.labels)
