# MUTANT: one row list is made before the loop and filled for every message, so every row of the
# dataset is that one list (the last message's row)
import pandas as pd
import torch
from torch.utils.data import Dataset

EXPECTED_CAUSE = "a row list made once before the loop"

class SpamDataset(Dataset):
    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        self.data = pd.read_csv(csv_file)
        encoded = [tokenizer.encode(text) for text in self.data["Text"]]
        self.max_length = max(len(e) for e in encoded) if max_length is None else max_length
        row = [pad_token_id] * self.max_length
        self.encoded_texts = []
        for ids in encoded:
            ids = ids[:self.max_length]
            row[:len(ids)] = ids
            row[len(ids):] = [pad_token_id] * (self.max_length - len(ids))
            self.encoded_texts.append(row)

    def __getitem__(self, index):
        label = self.data.iloc[index]["Label"]
        return (torch.tensor(self.encoded_texts[index], dtype=torch.long),
                torch.tensor(label, dtype=torch.long))

    def __len__(self):
        return len(self.data)
