# MUTANT: encoded_texts = [] in the class body, appended to by every dataset
"""Exercise 6.2 (wrong answer): the spam dataset, with padding and truncation."""

import pandas as pd
import torch
from torch.utils.data import Dataset


class SpamDataset(Dataset):
    encoded_texts = []

    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        self.data = pd.read_csv(csv_file)
        for text in self.data["Text"]:
            self.encoded_texts.append(tokenizer.encode(text))
        if max_length is None:
            self.max_length = max(len(ids) for ids in self.encoded_texts)
        else:
            self.max_length = max_length
        self.padded = [ids[:self.max_length] + [pad_token_id] * (self.max_length - len(ids))
                       for ids in self.encoded_texts]

    def __getitem__(self, index):
        label = self.data.iloc[index]["Label"]
        return (torch.tensor(self.padded[index], dtype=torch.long),
                torch.tensor(label, dtype=torch.long))

    def __len__(self):
        return len(self.data)


EXPECTED_CAUSE = "defined in the CLASS body"
