# MUTANT: labels one-hot encoded (F.one_hot), so each label has shape (num_classes,)
import torch
import torch.nn.functional as F
from torch.utils.data import Dataset

EXPECTED_CAUSE = 'that is a one-hot row'


class PointsDataset(Dataset):
    def __init__(self, rows):
        self.features = torch.tensor([list(r)[:-1] for r in rows], dtype=torch.float32)
        self.labels = F.one_hot(torch.tensor([int(r[-1]) for r in rows], dtype=torch.int64))

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels)
