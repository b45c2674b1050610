# MUTANT: features standardised (mean 0, std 1) instead of kept as given
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        feats = torch.tensor([list(r)[:-1] for r in rows], dtype=torch.float32)
        self.features = (feats - feats.mean(dim=0)) / feats.std(dim=0)
        self.labels = torch.tensor([r[-1] for r in rows], dtype=torch.int64)

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels)


EXPECTED_CAUSE = 'standardised'  # the check's message must name this
