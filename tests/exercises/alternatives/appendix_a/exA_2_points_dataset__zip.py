# Correct: zip(*rows) to separate the label column, torch.as_tensor + .float()/.long()
import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, rows):
        rows = list(rows)
        columns = list(zip(*rows))
        self.features = torch.as_tensor(list(zip(*columns[:-1]))).float()
        self.labels = torch.as_tensor(columns[-1]).long()

    def __len__(self):
        return self.features.size(0)

    def __getitem__(self, index):
        return (self.features[index], self.labels[index])
