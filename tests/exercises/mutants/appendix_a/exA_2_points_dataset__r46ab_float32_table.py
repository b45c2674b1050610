# MUTANT: the rows turned into one float32 table and the labels cast back from its last column
# with .long(), so a class index above 2**24 is rounded on the way
import torch
from torch.utils.data import Dataset

EXPECTED_CAUSE = "the label went through float32"


class PointsDataset(Dataset):
    def __init__(self, rows):
        table = torch.tensor([list(r) for r in rows], dtype=torch.float32)
        self.features = table[:, :-1]
        self.labels = table[:, -1].long()

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels)
