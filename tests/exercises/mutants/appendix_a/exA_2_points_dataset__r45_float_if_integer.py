# MUTANT: features cast to float only when they are integers (NumPy float64 rows stay float64)
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        self.items = []
        for row in rows:
            features = torch.tensor(list(row[:-1]))
            if not features.is_floating_point():
                features = features.float()
            label = torch.tensor(int(row[-1]), dtype=torch.int64)
            self.items.append((features, label))

    def __getitem__(self, index):
        return self.items[index]

    def __len__(self):
        return len(self.items)


EXPECTED_CAUSE = "for rows of NumPy float64 numbers"
