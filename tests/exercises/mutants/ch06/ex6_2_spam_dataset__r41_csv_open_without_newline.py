# MUTANT: the CSV read by the csv module via open() without newline="": "\r\n" becomes "\n"
import csv

import torch
from torch.utils.data import Dataset


class SpamDataset(Dataset):
    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        with open(csv_file, encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(f))
        self.labels = [int(r["Label"]) for r in rows]
        encoded = [tokenizer.encode(r["Text"]) for r in rows]
        if max_length is None:
            self.max_length = max(len(ids) for ids in encoded)
        else:
            self.max_length = max_length
            encoded = [ids[:max_length] for ids in encoded]
        n = self.max_length
        self.encoded_texts = [ids + [pad_token_id] * (n - len(ids)) for ids in encoded]

    def __getitem__(self, index):
        return (torch.tensor(self.encoded_texts[index], dtype=torch.long),
                torch.tensor(self.labels[index], dtype=torch.long))

    def __len__(self):
        return len(self.labels)

EXPECTED_CAUSE = "opened in text mode without newline=''"
