# MUTANT: negative labels replaced by 0 (max(label, 0)), so the ignore_index label -100
# becomes class 0 and is trained on
import torch
from torch.utils.data import Dataset

EXPECTED_CAUSE = "replaced by 0"


class PointsDataset(Dataset):
    def __init__(self, rows):
        self.rows = [list(r) for r in rows]

    def __getitem__(self, index):
        row = self.rows[index]
        return (torch.tensor(row[:-1], dtype=torch.float32),
                torch.tensor(max(int(row[-1]), 0), dtype=torch.int64))

    def __len__(self):
        return len(self.rows)
