# MUTANT: the dataset's tensors made on a device the answer picks itself when the file loads
#         ('cuda' if torch.cuda.is_available() else 'cpu'): on a GPU machine the items are on
#         the GPU
import torch
from torch.utils.data import Dataset

EXPECTED_CAUSE = "your code asked for 'cuda' by itself"

DEVICE = "cuda" if torch.cuda.is_available() else "cpu"


class PointsDataset(Dataset):
    def __init__(self, rows):
        rows = [list(row) for row in rows]
        self.features = torch.tensor([r[:-1] for r in rows], dtype=torch.float32, device=DEVICE)
        self.labels = torch.tensor([r[-1] for r in rows], dtype=torch.int64, device=DEVICE)

    def __getitem__(self, index):
        return self.features[index], self.labels[index]

    def __len__(self):
        return len(self.labels)
