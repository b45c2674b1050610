# Correct: F.pad with a negative amount crops, so one F.pad both cuts and pads
import pandas as pd
import torch
import torch.nn.functional as F
from torch.utils.data import Dataset


class SpamDataset(Dataset):
    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        self.data = pd.read_csv(csv_file)
        encoded = [torch.tensor(tokenizer.encode(t), dtype=torch.long) for t in self.data["Text"]]
        self.max_length = max(len(e) for e in encoded) if max_length is None else max_length
        self.inputs = [F.pad(e, (0, self.max_length - len(e)), value=pad_token_id) for e in encoded]

    def __getitem__(self, index):
        return self.inputs[index], torch.tensor(self.data["Label"].iloc[index], dtype=torch.long)

    def __len__(self):
        return len(self.data)
