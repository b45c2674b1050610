# MUTANT: features stored as uint8 (as for pixels): a negative feature raises an overflow error
import torch
from torch.utils.data import Dataset

EXPECTED_CAUSE = "the features [-1.0, -1.5] are outside it"


class PointsDataset(Dataset):
    def __init__(self, rows):
        rows = [list(row) for row in rows]
        self.features = torch.tensor([row[:-1] for row in rows], dtype=torch.uint8)
        self.labels = torch.tensor([row[-1] for row in rows], dtype=torch.int64)

    def __getitem__(self, index):
        return self.features[index].float(), self.labels[index]

    def __len__(self):
        return len(self.labels)
