# MUTANT: the padded rows are built as [[pad_token_id] * n] * m, one list object repeated, so every
# message's ids are written into the same row
import pandas as pd
import torch
from torch.utils.data import Dataset

EXPECTED_CAUSE = "one list object shared by every message"


class SpamDataset(Dataset):
    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        self.data = pd.read_csv(csv_file)
        encoded = [tokenizer.encode(text) for text in self.data["Text"]]
        if max_length is None:
            self.max_length = max(len(ids) for ids in encoded)
        else:
            self.max_length = max_length
        rows = [[pad_token_id] * self.max_length] * len(encoded)
        for row, ids in zip(rows, encoded):
            ids = ids[:self.max_length]
            row[:len(ids)] = ids
        self.encoded_texts = rows

    def __getitem__(self, index):
        label = self.data.iloc[index]["Label"]
        return (torch.tensor(self.encoded_texts[index], dtype=torch.long),
                torch.tensor(label, dtype=torch.long))

    def __len__(self):
        return len(self.data)
