# MUTANT: padding inserted at len(ids) - 1 (before the last id), not appended
import pandas as pd
import torch
from torch.utils.data import Dataset


class SpamDataset(Dataset):
    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        self.data = pd.read_csv(csv_file)
        encoded = [tokenizer.encode(t) for t in self.data["Text"]]
        self.max_length = max_length if max_length is not None else max(len(ids) for ids in encoded)
        self.encoded_texts = [ids[:self.max_length] for ids in encoded]
        for ids in self.encoded_texts:
            while len(ids) < self.max_length:
                ids.insert(len(ids) - 1 if ids else 0, pad_token_id)

    def __getitem__(self, index):
        return (torch.tensor(self.encoded_texts[index], dtype=torch.long),
                torch.tensor(self.data["Label"].iloc[index], dtype=torch.long))

    def __len__(self):
        return len(self.data)

EXPECTED_CAUSE = "the padding sits INSIDE the message"
