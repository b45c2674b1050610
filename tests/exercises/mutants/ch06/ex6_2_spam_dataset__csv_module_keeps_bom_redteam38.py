# MUTANT: csv.DictReader with encoding='utf-8': a BOM sticks to the first column's name
import csv

import torch
from torch.utils.data import Dataset


class SpamDataset(Dataset):
    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        with open(csv_file, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        self.labels = [int(r["Label"]) for r in rows]
        self.encoded_texts = [tokenizer.encode(r["Text"]) for r in rows]
        if max_length is None:
            self.max_length = max(len(ids) for ids in self.encoded_texts)
        else:
            self.max_length = max_length
            self.encoded_texts = [ids[:max_length] for ids in self.encoded_texts]
        self.encoded_texts = [ids + [pad_token_id] * (self.max_length - len(ids))
                              for ids in self.encoded_texts]

    def __getitem__(self, index):
        return (torch.tensor(self.encoded_texts[index], dtype=torch.long),
                torch.tensor(self.labels[index], dtype=torch.long))

    def __len__(self):
        return len(self.labels)

EXPECTED_CAUSE = "byte-order mark"
