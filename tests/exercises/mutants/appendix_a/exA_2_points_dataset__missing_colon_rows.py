# MUTANT: sliced rows instead of columns (data[:-1] / data[-1] without ':,'): features drop the
# last row, labels are the last row
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        data = torch.tensor(rows, dtype=torch.float32)
        self.features = data[:-1]
        self.labels = data[-1].long()
    def __getitem__(self, index):
        return self.features[index], self.labels[index]
    def __len__(self):
        return len(self.features)


EXPECTED_CAUSE = 'slices off the last ROW'  # the check's message must name this
