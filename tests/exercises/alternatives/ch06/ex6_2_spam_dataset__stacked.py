# Correct: all ids and labels turned into tensors once in __init__ (one stacked tensor), indexed
# later
import pandas as pd
import torch
from torch.utils.data import Dataset


class SpamDataset(Dataset):
    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        self.data = pd.read_csv(csv_file)
        encoded = [tokenizer.encode(text) for text in self.data["Text"]]
        self.max_length = max(map(len, encoded)) if max_length is None else max_length
        rows = []
        for ids in encoded:
            ids = list(ids[: self.max_length])
            rows.append(ids + [pad_token_id] * (self.max_length - len(ids)))
        self.input_ids = torch.tensor(rows, dtype=torch.long)  # (num_messages, max_length)
        self.labels = torch.tensor(self.data["Label"].to_numpy(), dtype=torch.long)

    def __getitem__(self, index):
        return self.input_ids[index], self.labels[index]

    def __len__(self):
        return len(self.labels)
