# MUTANT: the encoded texts live in a class-level list, so a second dataset reads the first one's
"""Exercise 6.2 (solution): the spam dataset, with padding and truncation."""

import pandas as pd
import torch
from torch.utils.data import Dataset


class SpamDataset(Dataset):
    encoded_texts = []  # shared by every instance

    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        self.data = pd.read_csv(csv_file)
        for text in self.data["Text"]:
            SpamDataset.encoded_texts.append(tokenizer.encode(text))
        encoded = SpamDataset.encoded_texts
        if max_length is None:
            self.max_length = max(len(ids) for ids in encoded)
        else:
            self.max_length = max_length
            encoded = [ids[:max_length] for ids in encoded]
        self.encoded_texts = [ids + [pad_token_id] * (self.max_length - len(ids))
                              for ids in encoded]

    def __getitem__(self, index):
        label = self.data.iloc[index]["Label"]
        return (torch.tensor(self.encoded_texts[index], dtype=torch.long),
                torch.tensor(label, dtype=torch.long))

    def __len__(self):
        return len(self.data)


EXPECTED_CAUSE = 'your code keeps state between calls'
