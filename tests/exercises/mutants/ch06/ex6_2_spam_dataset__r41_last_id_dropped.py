# MUTANT: dataset[i] returns the padded ids without their last one (ids[:-1], a ch5 habit)
import pandas as pd
import torch
from torch.utils.data import Dataset


class SpamDataset(Dataset):
    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        self.data = pd.read_csv(csv_file)
        encoded = [tokenizer.encode(t) for t in self.data["Text"]]
        if max_length is None:
            self.max_length = max(len(ids) for ids in encoded)
        else:
            self.max_length = max_length
            encoded = [ids[:max_length] for ids in encoded]
        n = self.max_length
        self.encoded_texts = [ids + [pad_token_id] * (n - len(ids)) for ids in encoded]

    def __getitem__(self, index):
        return (torch.tensor(self.encoded_texts[index][:-1], dtype=torch.long),
                torch.tensor(self.data["Label"].iloc[index]))

    def __len__(self):
        return len(self.data)

EXPECTED_CAUSE = "lost its LAST id"
